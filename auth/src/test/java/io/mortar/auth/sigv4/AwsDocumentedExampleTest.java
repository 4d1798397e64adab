package io.mortar.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worked example of AWS's own SigV4 documentation (IAM ListUsers, 2015-08-30): an oracle independent of the
 * SDK, with every intermediate value AWS publishes (canonical request hash, signing key, signature).
 */
class AwsDocumentedExampleTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
            + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
            + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    private final SignedRequest listUsers = new SignedRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
            headers(AUTHORIZATION), new byte[0]);

    @Test
    void theCanonicalRequestHashesToAwsPublishedValue() {
        String canonical = CanonicalRequest.of(listUsers, List.of("content-type", "host", "x-amz-date"),
                "content-type;host;x-amz-date", Sha256.hex(new byte[0]));

        assertThat(canonical).isEqualTo("""
                GET
                /
                Action=ListUsers&Version=2010-05-08
                content-type:application/x-www-form-urlencoded; charset=utf-8
                host:iam.amazonaws.com
                x-amz-date:20150830T123600Z

                content-type;host;x-amz-date
                e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855""");
        assertThat(Sha256.hex(canonical)).isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    }

    @Test
    void theSigningKeyIsAwsPublishedOne() {
        assertThat(Sha256.hexOf(SigningKeys.derive(SECRET, "20150830", "us-east-1", "iam")))
                .isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
    }

    @Test
    void theDocumentedRequestVerifiesAndAnyOtherSignatureDoesNot() {
        SigV4Verifier iam = new SigV4Verifier("us-east-1", "iam",
                Clock.fixed(Instant.parse("2015-08-30T12:40:00Z"), ZoneOffset.UTC), Duration.ofMinutes(15));
        Credential example = new Credential("AKIDEXAMPLE", SECRET, Optional.empty(), Optional.empty());

        assertThat(iam.verify(listUsers, id -> Optional.of(example).filter(c -> c.accessKeyId().equals(id))))
                .isEqualTo(example);
        SignedRequest other = new SignedRequest("GET", "/", "Action=ListUsers&Version=2010-05-08",
                headers(AUTHORIZATION.replace("5d672d79", "5d672d7a")), new byte[0]);
        assertThat(SdkSigner.refusal(other, iam, id -> Optional.of(example)).code())
                .isEqualTo(GlueErrorCode.INVALID_SIGNATURE);
    }

    private static Map<String, List<String>> headers(String authorization) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("iam.amazonaws.com"));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        headers.put("X-Amz-Date", List.of("20150830T123600Z"));
        headers.put("Authorization", List.of(authorization));
        return headers;
    }
}
