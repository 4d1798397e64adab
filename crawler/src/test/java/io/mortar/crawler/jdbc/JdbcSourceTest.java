package io.mortar.crawler.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** Classification by product name and URL, and how driver errors become Glue errors. */
class JdbcSourceTest {
    @Test
    void classificationIsGluesVendorName() {
        assertThat(JdbcSource.classify("PostgreSQL", "jdbc:postgresql://db:5432/x")).isEqualTo("postgresql");
        assertThat(JdbcSource.classify("PostgreSQL", "jdbc:postgresql://c1.abc.eu-west-1.redshift.amazonaws.com/x"))
                .isEqualTo("redshift");
        assertThat(JdbcSource.classify("Redshift", "jdbc:redshift://c1/x")).isEqualTo("redshift");
        assertThat(JdbcSource.classify("MySQL", "jdbc:mysql://db/x")).isEqualTo("mysql");
        assertThat(JdbcSource.classify("MariaDB", "jdbc:mariadb://db/x")).isEqualTo("mysql");
        assertThat(JdbcSource.classify("Oracle", "jdbc:oracle:thin:@db:1521/orcl")).isEqualTo("oracle");
        assertThat(JdbcSource.classify("Microsoft SQL Server", "jdbc:sqlserver://db")).isEqualTo("sqlserver");
        assertThat(JdbcSource.classify("SQLite", "jdbc:sqlite:x.db")).isEqualTo("sqlite");
        assertThat(JdbcSource.classify("Apache Derby", "jdbc:derby:x")).isEqualTo("apache derby");
    }

    @Test
    void driverErrorsBecomeGlueErrorsWithoutPasswords() {
        GlueException denied = JdbcErrors.translate(new SQLException("permission denied for schema hr", "42501"),
                "JdbcTargets[0] (db/hr/%) on connection pg");
        assertThat(denied.code()).isEqualTo(GlueErrorCode.ACCESS_DENIED);
        assertThat(denied.getMessage()).isEqualTo("Reading the tables of JdbcTargets[0] (db/hr/%) on connection pg"
                + " failed: permission denied for schema hr (SQLSTATE 42501)");

        assertThat(JdbcErrors.translate(new SQLTimeoutException("timed out"), "t").code())
                .isEqualTo(GlueErrorCode.OPERATION_TIMEOUT);
        assertThat(JdbcErrors.translate(new SQLException("canceling statement", "57014"), "t").code())
                .isEqualTo(GlueErrorCode.OPERATION_TIMEOUT);
        assertThat(JdbcErrors.translate(new SQLException("bad login", "28000"), "t").code())
                .isEqualTo(GlueErrorCode.ACCESS_DENIED);

        GlueException other = JdbcErrors.translate(
                new SQLException("cannot reach jdbc:x://h/db?user=u&password=s3cret&ssl=true; pwd=hunter2", "08001"),
                "t");
        assertThat(other.code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
        assertThat(other.getMessage()).doesNotContain("s3cret").doesNotContain("hunter2")
                .contains("password=***&ssl=true").contains("pwd=***");
        assertThatThrownBy(() -> { throw other; }).hasCauseInstanceOf(SQLException.class);
    }
}
