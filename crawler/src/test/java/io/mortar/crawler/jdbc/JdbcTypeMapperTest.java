package io.mortar.crawler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.crawler.jdbc.JdbcTypeMapper.SqlType;
import java.sql.Types;
import org.junit.jupiter.api.Test;

/**
 * The type mapping for what the PostgreSQL and SQLite tests cannot show: MySQL/MariaDB's, SQL Server's and
 * Oracle's type reports (as their drivers give them in {@code getColumns}), and decimal bounds.
 */
class JdbcTypeMapperTest {
    private static String map(int code, String name, int size, int scale, String classification) {
        return JdbcTypeMapper.map(new SqlType(code, name, size, scale), classification).glueName();
    }

    @Test
    void mysqlUnsignedIntegersWidenAndTinyintOneIsBoolean() {
        assertThat(map(Types.TINYINT, "TINYINT UNSIGNED", 3, 0, "mysql")).isEqualTo("smallint");
        assertThat(map(Types.SMALLINT, "SMALLINT UNSIGNED", 5, 0, "mysql")).isEqualTo("int");
        assertThat(map(Types.INTEGER, "MEDIUMINT UNSIGNED", 8, 0, "mysql")).isEqualTo("int");
        assertThat(map(Types.INTEGER, "INT UNSIGNED", 10, 0, "mysql")).isEqualTo("bigint");
        assertThat(map(Types.INTEGER, "INTEGER UNSIGNED", 10, 0, "mysql")).isEqualTo("bigint");
        assertThat(map(Types.BIGINT, "BIGINT UNSIGNED", 20, 0, "mysql")).isEqualTo("decimal(20,0)");
        assertThat(map(Types.INTEGER, "INT", 10, 0, "mysql")).isEqualTo("int");
        assertThat(map(Types.TINYINT, "TINYINT", 3, 0, "mysql")).isEqualTo("tinyint");
        assertThat(map(Types.BIT, "TINYINT", 1, 0, "mysql")).isEqualTo("boolean");
        assertThat(map(Types.TINYINT, "TINYINT", 1, 0, "mysql")).isEqualTo("boolean");
        assertThat(map(Types.BIT, "BIT", 1, 0, "mysql")).isEqualTo("boolean");
        assertThat(map(Types.BIT, "BIT", 8, 0, "mysql")).isEqualTo("binary");
        assertThat(map(Types.REAL, "FLOAT", 12, 0, "mysql")).isEqualTo("float");
        assertThat(map(Types.DOUBLE, "DOUBLE", 22, 0, "mysql")).isEqualTo("double");
        assertThat(map(Types.DECIMAL, "DECIMAL", 12, 4, "mysql")).isEqualTo("decimal(12,4)");
        assertThat(map(Types.LONGVARCHAR, "JSON", Integer.MAX_VALUE, 0, "mysql")).isEqualTo("string");
        assertThat(map(Types.CHAR, "ENUM", 5, 0, "mysql")).isEqualTo("string");
        assertThat(map(Types.TIMESTAMP, "DATETIME", 19, 0, "mysql")).isEqualTo("timestamp");
        assertThat(map(Types.LONGVARBINARY, "BLOB", 65535, 0, "mysql")).isEqualTo("binary");
        // only MySQL's names are read this way
        assertThat(map(Types.TINYINT, "tinyint", 1, 0, "sqlserver")).isEqualTo("tinyint");
    }

    @Test
    void otherVendorsAndEdgeCases() {
        assertThat(map(Types.NVARCHAR, "nvarchar", 50, 0, "sqlserver")).isEqualTo("string");
        assertThat(map(-155, "datetimeoffset", 34, 7, "sqlserver")).isEqualTo("timestamp");
        assertThat(map(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP WITH TIME ZONE", 35, 6, "oracle"))
                .isEqualTo("timestamp");
        assertThat(map(Types.CLOB, "CLOB", 0, 0, "oracle")).isEqualTo("string");
        assertThat(map(Types.FLOAT, "FLOAT", 126, 0, "oracle")).isEqualTo("double");
        assertThat(map(Types.FLOAT, "FLOAT", 24, 0, "h2")).isEqualTo("float");
        assertThat(map(Types.TIME, "time", 15, 6, "postgresql")).isEqualTo("string");
        assertThat(map(Types.SQLXML, "xml", 0, 0, "postgresql")).isEqualTo("string");
        assertThat(map(Types.ARRAY, "_numeric", 10, 2, "postgresql")).isEqualTo("array<decimal(10,2)>");
        assertThat(map(Types.ARRAY, "_bool", 1, 0, "postgresql")).isEqualTo("array<boolean>");
        assertThat(map(Types.ARRAY, "_mood", 0, 0, "postgresql")).isEqualTo("array<string>");
        assertThat(map(Types.ARRAY, "INTEGER ARRAY", 0, 0, "h2")).isEqualTo("array<string>");
        assertThat(map(Types.OTHER, null, 0, 0, "postgresql")).isEqualTo("string");
    }

    @Test
    void decimalsAreBoundedToHivesPrecision() {
        // unconstrained: PostgreSQL numeric (precision 0, or 131089 from older drivers), Oracle NUMBER (scale -127)
        assertThat(JdbcTypeMapper.decimal(0, 0).glueName()).isEqualTo("decimal(38,18)");
        assertThat(JdbcTypeMapper.decimal(131089, 0).glueName()).isEqualTo("decimal(38,18)");
        assertThat(JdbcTypeMapper.decimal(0, -127).glueName()).isEqualTo("decimal(38,18)");
        assertThat(JdbcTypeMapper.decimal(10, 0).glueName()).isEqualTo("decimal(10,0)");
        assertThat(JdbcTypeMapper.decimal(38, 10).glueName()).isEqualTo("decimal(38,10)");
        assertThat(JdbcTypeMapper.decimal(50, 10).glueName()).isEqualTo("decimal(38,10)");
    }
}
