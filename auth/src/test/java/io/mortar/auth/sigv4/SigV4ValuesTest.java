package io.mortar.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The values the HTTP edge builds and the verifier's own settings. */
class SigV4ValuesTest {
    @Test
    void aCredentialPrintsNeitherItsSecretNorItsToken() {
        Credential run = new Credential("ASIARUN", "the-secret", Optional.of("the-token"),
                Optional.of(Instant.parse("2026-12-07T03:00:00Z")));

        assertThat(run.toString()).contains("ASIARUN", "2026-12-07T03:00:00Z").doesNotContain("the-secret",
                "the-token");
    }

    @Test
    void aRequestWithoutBodyHasAnEmptyOne() {
        assertThat(new SignedRequest("GET", "/", null, Map.of("Host", List.of("h")), null).body()).isEmpty();
    }

    @Test
    void aNegativeSkewIsRefused() {
        assertThatThrownBy(() -> new SigV4Verifier("us-east-1", "glue", Clock.systemUTC(), Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedSkew");
    }
}
