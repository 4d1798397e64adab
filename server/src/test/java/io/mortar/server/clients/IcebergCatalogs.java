package io.mortar.server.clients;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.AwsProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * Iceberg GlueCatalogs pointed at one Glue endpoint, loaded and configured the way Iceberg's documentation
 * says — {@code catalog-impl} by name and catalog properties — so each one is what a Spark or Flink job would
 * build: its own AWS SDK GlueClient, its own FileIO. Several catalogs on one endpoint stand for several processes.
 */
final class IcebergCatalogs implements AutoCloseable {
    /** By name: the class cannot even be compiled against without Hadoop on the class path. */
    static final String GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";

    private final URI endpoint;
    private final String warehouse;
    /** The keys Iceberg's Glue client signs with: the server's root key, as a user would configure them. */
    private final AwsCredentials credentials;
    private final List<Catalog> opened = new ArrayList<>();

    IcebergCatalogs(URI endpoint, String warehouse, AwsCredentials credentials) {
        this.endpoint = endpoint;
        this.warehouse = warehouse;
        this.credentials = credentials;
    }

    /** The properties a user would set to point Iceberg at Mortar, plus {@code options}. */
    Map<String, String> properties(Map<String, String> options) {
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        // metadata and manifests are real files, kept in memory: no S3 needed
        properties.put(CatalogProperties.FILE_IO_IMPL, InMemoryFileIO.class.getName());
        properties.put(AwsProperties.GLUE_CATALOG_ENDPOINT, endpoint.toString());
        properties.put(AwsClientProperties.CLIENT_REGION, "us-east-1");
        properties.put(HttpClientProperties.CLIENT_TYPE, HttpClientProperties.CLIENT_TYPE_URLCONNECTION);
        properties.put(AwsClientProperties.CLIENT_CREDENTIALS_PROVIDER, IcebergStaticCredentials.class.getName());
        properties.put(AwsClientProperties.CLIENT_CREDENTIALS_PROVIDER + "." + IcebergStaticCredentials.ACCESS_KEY,
                credentials.accessKeyId());
        properties.put(AwsClientProperties.CLIENT_CREDENTIALS_PROVIDER + "." + IcebergStaticCredentials.SECRET_KEY,
                credentials.secretAccessKey());
        properties.putAll(options);
        return properties;
    }

    /** A new GlueCatalog named {@code name} with the given extra catalog properties. */
    Catalog open(String name, Map<String, String> options) {
        Catalog catalog = CatalogUtil.loadCatalog(GLUE_CATALOG, name, properties(options), null);
        opened.add(catalog);
        return catalog;
    }

    Catalog open(String name) {
        return open(name, Map.of());
    }

    /** GlueCatalog's namespace side (Glue databases). */
    static SupportsNamespaces namespaces(Catalog catalog) {
        return (SupportsNamespaces) catalog;
    }

    @Override
    public void close() {
        for (Catalog catalog : opened) {
            if (catalog instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        opened.clear();
    }
}
