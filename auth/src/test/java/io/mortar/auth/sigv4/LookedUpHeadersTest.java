package io.mortar.auth.sigv4;

import static io.mortar.auth.sigv4.SdkSigner.NOW;
import static io.mortar.auth.sigv4.SdkSigner.ROOT;
import static io.mortar.auth.sigv4.SdkSigner.glueCall;
import static io.mortar.auth.sigv4.SdkSigner.keys;
import static io.mortar.auth.sigv4.SdkSigner.sign;
import static io.mortar.auth.sigv4.SdkSigner.verifierAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Headers looked up where the HTTP server holds them (as the server hands them over) verify as copied ones do. */
class LookedUpHeadersTest {
    @Test
    void aRequestVerifiesWhenItsHeadersAreLookedUpCaseInsensitively() {
        SignedRequest signed = sign(glueCall("GetTable", "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}"));
        List<String> lookups = new ArrayList<>();
        SignedRequest lookedUp = new SignedRequest(signed.method(), signed.path(), signed.rawQuery(),
                lookUp(signed.headers(), lookups), signed.body());

        assertThat(verifierAt(NOW).verify(lookedUp, keys(ROOT))).isEqualTo(ROOT);
        // only the headers the verifier needs were read, never the whole set
        assertThat(lookups).contains("authorization", "host", "x-amz-date").doesNotContain("*");
    }

    @Test
    void aSignedHeaderChangedWhereItIsHeldIsStillRefused() {
        SignedRequest signed = sign(glueCall("GetTable", "{}"));
        Map<String, List<String>> changed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        changed.putAll(signed.headers());
        changed.put("X-Amz-Target", List.of("AWSGlue.DeleteTable"));
        SignedRequest tampered = new SignedRequest(signed.method(), signed.path(), signed.rawQuery(),
                lookUp(changed, new ArrayList<>()), signed.body());

        assertThat(catchThrowableOfType(GlueException.class, () -> verifierAt(NOW).verify(tampered, keys(ROOT)))
                .code()).isEqualTo(GlueErrorCode.INVALID_SIGNATURE);
    }

    private static LookedUpHeaders lookUp(Map<String, List<String>> headers, List<String> lookups) {
        Map<String, List<String>> held = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        held.putAll(headers);
        return new LookedUpHeaders(name -> {
            lookups.add(name);
            return held.getOrDefault(name, List.of());
        }, () -> {
            lookups.add("*");
            return held.keySet();
        });
    }
}
