package io.mortar.auth.sigv4;

import static io.mortar.auth.sigv4.SdkSigner.NOW;
import static io.mortar.auth.sigv4.SdkSigner.REGION;
import static io.mortar.auth.sigv4.SdkSigner.ROOT;
import static io.mortar.auth.sigv4.SdkSigner.RUN;
import static io.mortar.auth.sigv4.SdkSigner.SERVICE;
import static io.mortar.auth.sigv4.SdkSigner.glueCall;
import static io.mortar.auth.sigv4.SdkSigner.keys;
import static io.mortar.auth.sigv4.SdkSigner.refusal;
import static io.mortar.auth.sigv4.SdkSigner.sign;
import static io.mortar.auth.sigv4.SdkSigner.verifierAt;
import static io.mortar.auth.sigv4.SdkSigner.withAuthorization;
import static io.mortar.auth.sigv4.SdkSigner.withBody;
import static io.mortar.auth.sigv4.SdkSigner.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A request wrong in two ways gets the error of the check AWS runs first (the order {@link SigV4Verifier}
 * documents), and nothing before the key lookup consults the store.
 */
class SigV4VerifierCheckOrderTest {
    private final SignedRequest signed = sign(glueCall("GetTable", "{}"));

    @Test
    void aMalformedPartComesBeforeMissingOnes() {
        SignedRequest request = withHeader(signed, "Authorization", "AWS4-HMAC-SHA256 Credential");

        assertThat(refusal(request).getMessage()).startsWith("'Credential' not a valid key=value pair");
    }

    @Test
    void missingPartsComeBeforeTheDate() {
        SignedRequest request = withHeader(withHeader(signed, "X-Amz-Date", "yesterday"), "Authorization",
                "AWS4-HMAC-SHA256 Credential=x");

        assertThat(refusal(request).code()).isEqualTo(GlueErrorCode.INCOMPLETE_SIGNATURE);
        assertThat(refusal(request).getMessage()).startsWith("Authorization header requires 'Signature'");
    }

    @Test
    void theDateComesBeforeHostTheAlgorithmAndTheScope() {
        SignedRequest old = sign(glueCall("GetTable", "{}"), ROOT, "eu-west-1", "athena",
                NOW.minus(Duration.ofHours(1)));
        SignedRequest everythingWrong = withAuthorization(old, a -> a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")
                .replace("host;", ""));

        assertThat(refusal(everythingWrong).getMessage()).startsWith("Signature expired: ");
    }

    @Test
    void hostComesBeforeTheAlgorithmWhichComesBeforeTheCredentialsShape() {
        SignedRequest request = withAuthorization(signed, a -> a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512")
                .replace("host;", "").replace("/aws4_request", ""));

        assertThat(refusal(request).getMessage()).startsWith("'Host' or ':authority'");
        assertThat(refusal(withAuthorization(request, a -> a.replace("SignedHeaders=", "SignedHeaders=host;")))
                .getMessage()).startsWith("Unsupported AWS 'algorithm'");
    }

    @Test
    void theScopeComesBeforeTheKey() {
        Credential stranger = new Credential("AKIASTRANGER00000001", "s", Optional.empty(), Optional.empty());

        assertThat(refusal(sign(glueCall("GetTable", "{}"), stranger, "eu-west-1", SERVICE, NOW)).code())
                .isEqualTo(GlueErrorCode.INVALID_SIGNATURE);
    }

    @Test
    void theKeyComesBeforeTheSignature() {
        Credential stranger = new Credential("AKIASTRANGER00000001", "s", Optional.empty(), Optional.empty());

        assertThat(refusal(withBody(sign(glueCall("GetTable", "{}"), stranger), "{\"x\":1}")).code())
                .isEqualTo(GlueErrorCode.UNRECOGNIZED_CLIENT);
    }

    @Test
    void theSignatureComesBeforeTheSessionTokenAndItsExpiry() {
        Credential otherToken = new Credential(RUN.accessKeyId(), RUN.secretAccessKey(), Optional.of("other"),
                Optional.empty());
        SignedRequest wrongTokenAndBody = withBody(sign(glueCall("GetTable", "{}"), otherToken), "{\"x\":1}");
        SignedRequest expiredAndTampered = withBody(sign(glueCall("GetTable", "{}"), RUN), "{\"x\":1}");
        SigV4Verifier afterTheRun = verifierAt(RUN.expiresAt().orElseThrow().plusSeconds(60));
        SignedRequest expiredAndWrongToken = sign(glueCall("GetTable", "{}"), otherToken, REGION, SERVICE,
                RUN.expiresAt().orElseThrow().plusSeconds(60));

        assertThat(refusal(wrongTokenAndBody).code()).isEqualTo(GlueErrorCode.INVALID_SIGNATURE);
        assertThat(refusal(expiredAndTampered, afterTheRun, keys(RUN)).code())
                .isEqualTo(GlueErrorCode.INVALID_SIGNATURE);
        assertThat(refusal(expiredAndWrongToken, afterTheRun, keys(RUN)).code())
                .isEqualTo(GlueErrorCode.UNRECOGNIZED_CLIENT);
    }

    @Test
    void nothingBeforeTheKeyLookupConsultsTheStore() {
        AtomicInteger lookups = new AtomicInteger();
        CredentialLookup counting = id -> {
            lookups.incrementAndGet();
            return keys(ROOT).find(id);
        };
        SigV4Verifier verifier = verifierAt(NOW);

        refusal(withHeader(signed, "Authorization"), verifier, counting);
        refusal(withHeader(signed, "X-Amz-Date"), verifier, counting);
        refusal(sign(glueCall("GetTable", "{}"), NOW.minus(Duration.ofHours(1))), verifier, counting);
        refusal(withAuthorization(signed, a -> a.replace("host;", "")), verifier, counting);
        refusal(sign(glueCall("GetTable", "{}"), ROOT, "eu-west-1", SERVICE, NOW), verifier, counting);
        assertThat(lookups).hasValue(0);

        verifier.verify(signed, counting);
        assertThat(lookups).hasValue(1);
    }
}
