package io.mortar.server.upgrade;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CsvHeaderOption;

/**
 * Writes the upgrade fixture's classifiers (one of each kind, one updated), connections (a JDBC one with a password,
 * which the store keeps encrypted with {@code connection.key}, a Kafka one with a SASL password, a network one) and
 * the catalog's encryption settings.
 */
final class SettingsFixture {
    static final String CSV_CLASSIFIER = "customers_csv";
    static final String JDBC_CONNECTION = "sales_pg";
    static final String PASSWORD = "s3cr3t-pässwörd";

    private final GlueClient glue;

    SettingsFixture(GlueClient glue) {
        this.glue = requireNonNull(glue, "glue");
    }

    void write() {
        classifiers();
        connections();
        // Passwords stay readable (ReturnConnectionPasswordEncrypted false), so a snapshot proves they decrypt.
        glue.putDataCatalogEncryptionSettings(r -> r.dataCatalogEncryptionSettings(s -> s
                .encryptionAtRest(e -> e.catalogEncryptionMode("SSE-KMS").sseAwsKmsKeyId("alias/catalog"))
                .connectionPasswordEncryption(p -> p.returnConnectionPasswordEncrypted(false))));
    }

    private void classifiers() {
        glue.createClassifier(r -> r.grokClassifier(g -> g.name("app_log").classification("applog")
                .grokPattern("%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{GREEDYDATA:message}")));
        glue.updateClassifier(r -> r.grokClassifier(g -> g.name("app_log").classification("applog")
                .grokPattern("%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{APPNAME:app} %{GREEDYDATA:message}")
                .customPatterns("APPNAME [a-z][a-z0-9-]*")));
        glue.createClassifier(r -> r.xmlClassifier(x -> x.name("orders_xml").classification("orders")
                .rowTag("order")));
        glue.createClassifier(r -> r.jsonClassifier(j -> j.name("records_json").jsonPath("$.records[*]")));
        glue.createClassifier(r -> r.csvClassifier(c -> c.name(CSV_CLASSIFIER).delimiter(";").quoteSymbol("\"")
                .containsHeader(CsvHeaderOption.PRESENT).header("id", "name", "city").disableValueTrimming(false)
                .allowSingleColumn(false)));
    }

    private void connections() {
        glue.createConnection(r -> r.connectionInput(c -> c.name(JDBC_CONNECTION).connectionType("JDBC")
                .description("Sales database — Verkauf").matchCriteria("sales", "pg")
                .connectionPropertiesWithStrings(Map.of(
                        "JDBC_CONNECTION_URL", "jdbc:postgresql://db.example:5432/sales",
                        "USERNAME", "etl", "PASSWORD", PASSWORD, "JDBC_ENFORCE_SSL", "false"))
                .physicalConnectionRequirements(p -> p.subnetId("subnet-1").availabilityZone("us-east-1a")
                        .securityGroupIdList("sg-1", "sg-2")))
                .tags(Map.of("team", "sales")));
        glue.createConnection(r -> r.connectionInput(c -> c.name("events_kafka").connectionType("KAFKA")
                .connectionPropertiesWithStrings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b-1.example:9096",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_SCRAM_USERNAME", "events",
                        "KAFKA_SASL_SCRAM_PASSWORD", "kafka-pässword"))));
        glue.createConnection(r -> r.connectionInput(c -> c.name("vpc_network").connectionType("NETWORK")
                .connectionPropertiesWithStrings(Map.of())
                .physicalConnectionRequirements(p -> p.subnetId("subnet-2").availabilityZone("us-east-1b"))));
    }
}
