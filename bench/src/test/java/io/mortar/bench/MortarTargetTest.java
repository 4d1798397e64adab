package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.server.config.AuthConfig;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.glue.GlueClient;

class MortarTargetTest {
    @Test
    void withAuthenticationTheBenchmarksClientSignsWithTheRootKey() {
        try (MortarTarget server = MortarTarget.start(MortarTarget.Backend.SQLITE, null, false);
             GlueClient client = BenchTarget.client(server, 2);
             GlueClient placeholder = BenchTarget.client(server.endpoint(), 2, BenchTarget.PLACEHOLDER_KEYS)) {
            assertThat(server.accessKeys()).isPresent();
            assertThat(server.credentials().resolveCredentials().accessKeyId()).startsWith("AKIA");

            client.createDatabase(b -> b.databaseInput(d -> d.name("signed")));

            assertThat(catchThrowableOfType(() -> placeholder.getDatabases(b -> { }), AwsServiceException.class)
                    .awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
        }
    }

    @Test
    void withoutAuthenticationThePlaceholderKeysDo() {
        try (MortarTarget server = MortarTarget.start(MortarTarget.Backend.SQLITE, null, false, AuthConfig.OFF);
             GlueClient client = BenchTarget.client(server, 2)) {
            assertThat(server.accessKeys()).isEmpty();
            assertThat(server.credentials()).isSameAs(BenchTarget.PLACEHOLDER_KEYS);

            client.createDatabase(b -> b.databaseInput(d -> d.name("unsigned")));
            assertThat(client.getDatabases(b -> { }).databaseList()).extracting(d -> d.name()).contains("unsigned");
        }
    }
}
