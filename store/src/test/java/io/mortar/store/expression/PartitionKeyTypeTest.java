package io.mortar.store.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionKeyTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "string | STRING", "STRING | STRING", "  string\t | STRING", "char(10) | STRING", "varchar(255) | STRING",
        "VarChar ( 255 ) | STRING", "varchar | STRING",
        "int | INTEGRAL", "integer | INTEGRAL", "INT | INTEGRAL", "bigint | INTEGRAL", "long | INTEGRAL",
        "tinyint | INTEGRAL", "smallint | INTEGRAL",
        "decimal | DECIMAL", "decimal(10,2) | DECIMAL", "DECIMAL ( 10 , 2 ) | DECIMAL", "decimal(38) | DECIMAL",
        "date | DATE", " Date | DATE", "timestamp | TIMESTAMP", "TIMESTAMP | TIMESTAMP",
    })
    void mapsSupportedHiveTypes(String hiveType, PartitionKeyType expected) {
        assertThat(PartitionKeyType.of(hiveType)).isEqualTo(expected);
        assertThat(new PartitionKey("k", hiveType).type()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"boolean", "double", "float", "binary", "array<string>", "map<string,int>",
        "struct<a:int>", "int(5)", "string(3)", "decimal(10,2,1)", "decimal(", "decimal(10", "decimal(a)",
        "decimal(10,)", "varchar(10) x", "big int", "datetime", "interval", "", "   ", "(10)"})
    void mapsEverythingElseToUnsupported(String hiveType) {
        assertThat(PartitionKeyType.of(hiveType)).isEqualTo(PartitionKeyType.UNSUPPORTED);
    }

    @Test
    void mapsAMissingTypeToUnsupported() {
        assertThat(PartitionKeyType.of(null)).isEqualTo(PartitionKeyType.UNSUPPORTED);
        assertThat(new PartitionKey("k", null).type()).isEqualTo(PartitionKeyType.UNSUPPORTED);
    }

    @ParameterizedTest(name = "{0}: [{1}, {2}]")
    @CsvSource({
        "tinyint, -128, 127", "smallint, -32768, 32767", "int, -2147483648, 2147483647",
        "integer, -2147483648, 2147483647",
        "bigint, -9223372036854775808, 9223372036854775807", "long, -9223372036854775808, 9223372036854775807",
    })
    void enforcesTheRangeOfEachIntegralType(String hiveType, String min, String max) {
        PartitionKey key = new PartitionKey("k", hiveType);
        assertThat(PartitionValueCodec.encode(min, key)).isNotNull();
        assertThat(PartitionValueCodec.encode(max, key)).isNotNull();
        assertThat(PartitionValueCodec.encode(new BigInteger(min).subtract(BigInteger.ONE)
                .toString(), key)).isNull();
        assertThat(PartitionValueCodec.encode(new BigInteger(max).add(BigInteger.ONE)
                .toString(), key)).isNull();
    }
}
