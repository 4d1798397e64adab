package io.mortar.bench;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.auth.AccessKeys;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Who signs the requests the auth-overhead benchmark sends to the server with authentication: its root key, whose
 * policy allows everything without looking, and users' keys with the policies the issue names, whose statements
 * every request walks: a read-only analyst, an ETL key limited to one database (with a deny in front), and many
 * users' keys in turn.
 */
final class AuthSigners {
    /** One way of signing: a name for the report, its policy in words, and the keys. */
    record Signer(String name, String policy, AwsCredentialsProvider credentials) {
        /**
         * The same keys for the client of the server without authentication, so both clients sign alike (a client
         * turning through many keys derives a signing key per request, one signing with a single key does not):
         * the two sides then differ only in what the servers do.
         */
        AwsCredentialsProvider twin() {
            return credentials instanceof RotatingCredentials many ? many.anotherTurn() : credentials;
        }
    }

    /** Read-only on everything. {@code glue:Get*} does not cover BatchGetPartition, hence {@code BatchGet*}. */
    static final String ANALYST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
              "Action": ["glue:Get*", "glue:BatchGet*", "glue:SearchTables"], "Resource": "*"}]}""";

    private AuthSigners() {}

    /** Reading and loading partitions of the tables of one database, deleting nothing anywhere. */
    static String etl(CatalogIdentity identity, String database) {
        return """
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Deny", "Action": ["glue:Delete*", "glue:BatchDelete*"], "Resource": "*"},
                  {"Effect": "Allow",
                   "Action": ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:GetPartition",
                              "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition",
                              "glue:BatchCreatePartition", "glue:UpdatePartition", "glue:BatchUpdatePartition",
                              "glue:UpdateTable"],
                   "Resource": ["%s", "%s", "%s*"]}]}""".formatted(identity.arnPrefix() + "catalog",
                identity.databaseArn(database), identity.tableArnPrefix(database));
    }

    /**
     * The signers of a server with authentication: its root key, an analyst's and an ETL key, and {@code userKeys}
     * further users' keys (analysts and ETL keys in turn) that one client signs with in turn. The keys are made
     * through the server's own {@link AccessKeys}, as {@code mortar keys create} makes them.
     */
    static List<Signer> of(MortarTarget server, int userKeys) {
        AccessKeys keys = server.accessKeys().orElseThrow(() -> new IllegalStateException(
                server.name() + " runs without authentication"));
        String etl = etl(server.identity(), PartitionDataSet.DATABASE);
        List<Signer> signers = new ArrayList<>();
        signers.add(new Signer("root", "the root key: allow everything", server.credentials()));
        signers.add(new Signer("analyst", "glue:Get*, glue:BatchGet* on *", key(keys.createUserKey(
                "bench-analyst", List.of(ANALYST)))));
        signers.add(new Signer("etl", "a deny, then 11 actions on database " + PartitionDataSet.DATABASE + " only",
                key(keys.createUserKey("bench-etl", List.of(etl)))));
        if (userKeys > 0) {
            List<AwsBasicCredentials> many = new ArrayList<>(userKeys);
            for (int i = 0; i < userKeys; i++) {
                AccessKeys.Issued issued = keys.createUserKey(String.format("bench-user-%05d", i),
                        List.of(i % 2 == 0 ? ANALYST : etl));
                many.add(AwsBasicCredentials.create(issued.accessKeyId(), issued.secretAccessKey()));
            }
            signers.add(new Signer(String.format("%,d keys", userKeys), "each request the next of " + userKeys
                    + " users' keys (analyst and ETL policies)", new RotatingCredentials(many)));
        }
        return signers;
    }

    private static AwsCredentialsProvider key(AccessKeys.Issued issued) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(issued.accessKeyId(),
                issued.secretAccessKey()));
    }
}
