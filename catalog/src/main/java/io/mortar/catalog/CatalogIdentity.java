package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

/**
 * Who this catalog is on the wire: the account id Glue calls the CatalogId and the region in ARNs.
 * Mortar serves one catalog; a request's {@code CatalogId}, when given, must name it.
 */
public record CatalogIdentity(String accountId, String region) {
    public static final CatalogIdentity DEFAULT = new CatalogIdentity("000000000000", "us-east-1");

    public CatalogIdentity {
        requireNonNull(accountId, "accountId");
        requireNonNull(region, "region");
    }

    public String arnPrefix() {
        return "arn:aws:glue:" + region + ":" + accountId + ":";
    }

    public String databaseArn(String database) {
        return arnPrefix() + "database/" + database;
    }

    public String tableArn(String database, String table) {
        return tableArnPrefix(database) + table;
    }

    public String tableArnPrefix(String database) {
        return arnPrefix() + "table/" + database + "/";
    }
}
