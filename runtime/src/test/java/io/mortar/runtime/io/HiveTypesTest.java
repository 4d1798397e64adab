package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.junit.jupiter.api.Test;

class HiveTypesTest {
    @Test
    void hiveNamesReadAsSparkTypes() {
        assertThat(HiveTypes.toSpark("int")).isEqualTo(DataTypes.IntegerType);
        assertThat(HiveTypes.toSpark("bigint")).isEqualTo(DataTypes.LongType);
        assertThat(HiveTypes.toSpark("varchar(20)")).isEqualTo(DataTypes.StringType);
        assertThat(HiveTypes.toSpark("decimal(10,2)")).isEqualTo(new DecimalType(10, 2));
        assertThat(HiveTypes.toSpark("array<struct<a:int,b:char(3)>>").simpleString())
                .isEqualTo("array<struct<a:int,b:string>>");
    }

    @Test
    void sparkTypesWriteAsHiveNames() {
        assertThat(HiveTypes.toHive(DataTypes.LongType)).isEqualTo("bigint");
        assertThat(HiveTypes.toHive(DataTypes.TimestampNTZType)).isEqualTo("timestamp");
        assertThat(HiveTypes.toHive(DataTypes.createArrayType(DataTypes.IntegerType))).isEqualTo("array<int>");
    }
}
