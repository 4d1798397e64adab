package io.mortar.crawler.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/**
 * What a crawl needs to know about the database behind a JDBC connection, read from its metadata: the vendor (as
 * Glue's {@code classification}), whether tables live in schemas, and which database the connection is in.
 *
 * @param productName the driver's {@code getDatabaseProductName()}, for messages
 * @param classification {@code postgresql}, {@code mysql}, {@code oracle}, {@code sqlserver}, {@code redshift}, or
 *     the product name lower-cased for any other database
 * @param hasSchemas whether include paths are {@code database/schema/table} (else {@code database/table})
 * @param currentDatabase the connection's current database (its JDBC catalog), or {@code null} when the driver
 *     names none (SQLite; Oracle; a MySQL URL without a database): then the include path's database part cannot
 *     be checked, and is taken as the database's name
 */
record JdbcSource(String productName, String classification, boolean hasSchemas, String currentDatabase) {

    static JdbcSource describe(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        String product = metadata.getDatabaseProductName() == null ? "" : metadata.getDatabaseProductName();
        String classification = classify(product, metadata.getURL());
        // MySQL and MariaDB call their databases catalogs and have no schemas; Connector/J's databaseTerm=SCHEMA
        // would claim schemas, so the vendor wins over what the driver says
        boolean schemas = !classification.equals("mysql") && metadata.supportsSchemasInTableDefinitions();
        String catalog = connection.getCatalog();
        return new JdbcSource(product, classification, schemas, catalog == null || catalog.isEmpty() ? null : catalog);
    }

    /**
     * Glue's JDBC classifications. Redshift answers to the PostgreSQL driver as "PostgreSQL", so its URL
     * ({@code jdbc:redshift:} or a {@code *.redshift.amazonaws.com} host) decides too.
     */
    static String classify(String productName, String url) {
        String product = productName.toLowerCase(Locale.ROOT);
        String lowerUrl = url == null ? "" : url.toLowerCase(Locale.ROOT);
        if (product.contains("redshift") || lowerUrl.startsWith("jdbc:redshift:") || lowerUrl.contains(".redshift.")) {
            return "redshift";
        }
        if (product.contains("postgresql")) {
            return "postgresql";
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return "mysql";
        }
        if (product.contains("oracle")) {
            return "oracle";
        }
        if (product.contains("sql server")) {
            return "sqlserver";
        }
        return product.isBlank() ? "jdbc" : product.strip();
    }

    /**
     * Whether an include path's database part names this connection's database. With no current database to
     * compare (SQLite has no database name), any name is accepted: the connection reaches one database only.
     */
    boolean isCurrentDatabase(String name) {
        return currentDatabase == null || currentDatabase.equals(name);
    }

    boolean isMysql() {
        return classification.equals("mysql");
    }
}
