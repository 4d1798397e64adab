package io.mortar.auth.sigv4;

import static io.mortar.auth.sigv4.SdkSigner.NOW;
import static io.mortar.auth.sigv4.SdkSigner.REGION;
import static io.mortar.auth.sigv4.SdkSigner.ROOT;
import static io.mortar.auth.sigv4.SdkSigner.RUN;
import static io.mortar.auth.sigv4.SdkSigner.SERVICE;
import static io.mortar.auth.sigv4.SdkSigner.get;
import static io.mortar.auth.sigv4.SdkSigner.glueCall;
import static io.mortar.auth.sigv4.SdkSigner.header;
import static io.mortar.auth.sigv4.SdkSigner.keys;
import static io.mortar.auth.sigv4.SdkSigner.refusal;
import static io.mortar.auth.sigv4.SdkSigner.sign;
import static io.mortar.auth.sigv4.SdkSigner.unsigned;
import static io.mortar.auth.sigv4.SdkSigner.verifierAt;
import static io.mortar.auth.sigv4.SdkSigner.withAuthorization;
import static io.mortar.auth.sigv4.SdkSigner.withBody;
import static io.mortar.auth.sigv4.SdkSigner.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Every way a request can fail SigV4, each refused with the error type and message AWS sends. The requests start
 * as the AWS SDK signed them, then are altered as an attacker, a misconfigured client or a slow clock would.
 */
class SigV4VerifierRefusesTest {
    private static final String MISMATCH = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for "
            + "details.";
    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";
    private static final String TABLE = "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}";

    private final SignedRequest signed = sign(glueCall("GetTable", TABLE));
    private final String authorization = header(signed, "Authorization");

    @Test
    void anUnsignedRequestIsMissingItsAuthenticationToken() {
        assertRefused(refusal(unsigned(glueCall("GetTable", TABLE))), GlueErrorCode.MISSING_AUTHENTICATION_TOKEN,
                "Missing Authentication Token");
        assertRefused(refusal(withHeader(signed, "Authorization", "  ")), GlueErrorCode.MISSING_AUTHENTICATION_TOKEN,
                "Missing Authentication Token");
    }

    @Test
    void aPresignedUrlIsNotAccepted() {
        SdkHttpRequest presigned = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(ROOT.accessKeyId(), ROOT.secretAccessKey()))
                .request(get("/databases").build())
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))).request();
        assertThat(presigned.getUri().getRawQuery()).contains("X-Amz-Signature=");

        SignedRequest request = new SignedRequest("GET", presigned.encodedPath(), presigned.getUri().getRawQuery(),
                presigned.headers(), new byte[0]);

        assertRefused(refusal(request), GlueErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    @Test
    void aSignatureMadeWithTheWrongSecretDoesNotMatch() {
        Credential guessed = new Credential(ROOT.accessKeyId(), "not-the-secret", Optional.empty(), Optional.empty());

        assertRefused(refusal(sign(glueCall("GetTable", TABLE), guessed)), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void anUnknownAccessKeyIsUnrecognized() {
        Credential stranger = new Credential("AKIASTRANGER00000001", ROOT.secretAccessKey(), Optional.empty(),
                Optional.empty());

        assertRefused(refusal(sign(glueCall("GetTable", TABLE), stranger)), GlueErrorCode.UNRECOGNIZED_CLIENT,
                INVALID_TOKEN);
    }

    @Test
    void aSignatureSixteenMinutesOldHasExpired() {
        SignedRequest old = sign(glueCall("GetTable", TABLE), NOW.minus(Duration.ofMinutes(16)));

        assertRefused(refusal(old), GlueErrorCode.INVALID_SIGNATURE,
                "Signature expired: 20261207T022900Z is now earlier than 20261207T023000Z "
                        + "(20261207T024500Z - 15 min.)");
    }

    @Test
    void aSignatureSixteenMinutesAheadIsNotYetCurrent() {
        SignedRequest ahead = sign(glueCall("GetTable", TABLE), NOW.plus(Duration.ofMinutes(16)));

        assertRefused(refusal(ahead), GlueErrorCode.INVALID_SIGNATURE, "Signature not yet current: 20261207T030100Z "
                + "is still later than 20261207T030000Z (20261207T024500Z + 15 min.)");
    }

    @Test
    void aCapturedRequestReplaysOnlyUntilItLeavesTheSkewWindow() {
        MovableClock clock = new MovableClock(NOW);
        SigV4Verifier verifier = new SigV4Verifier(REGION, SERVICE, clock, SdkSigner.SKEW);

        assertThat(verifier.verify(signed, keys(ROOT))).isEqualTo(ROOT);
        clock.set(NOW.plus(Duration.ofMinutes(10)));
        assertThat(verifier.verify(signed, keys(ROOT))).isEqualTo(ROOT);
        clock.set(NOW.plus(Duration.ofMinutes(15).plusSeconds(1)));

        assertRefused(refusal(signed, verifier, keys(ROOT)), GlueErrorCode.INVALID_SIGNATURE,
                "Signature expired: 20261207T024500Z is now earlier than 20261207T024501Z "
                        + "(20261207T030001Z - 15 min.)");
    }

    @Test
    void aCredentialScopedToAnotherRegionIsRefused() {
        SignedRequest elsewhere = sign(glueCall("GetTable", TABLE), ROOT, "eu-west-1", SERVICE, NOW);

        assertRefused(refusal(elsewhere), GlueErrorCode.INVALID_SIGNATURE,
                "Credential should be scoped to a valid region. ");
    }

    @Test
    void aCredentialScopedToAnotherServiceIsRefused() {
        SignedRequest athena = sign(glueCall("GetTable", TABLE), ROOT, REGION, "athena", NOW);

        assertRefused(refusal(athena), GlueErrorCode.INVALID_SIGNATURE,
                "Credential should be scoped to correct service: 'glue'. ");
    }

    @Test
    void everyWrongPartOfTheScopeIsNamedInOneMessage() {
        SignedRequest wrong = withAuthorization(signed, a -> a.replace("/20261207/us-east-1/glue/aws4_request",
                "/20261206/eu-west-1/s3/aws5_request"));

        assertRefused(refusal(wrong), GlueErrorCode.INVALID_SIGNATURE, "Credential should be scoped to a valid "
                + "region. Credential should be scoped to correct service: 'glue'. Credential should be scoped with a "
                + "valid terminator: 'aws4_request', not 'aws5_request'. Date in Credential scope does not match "
                + "YYYYMMDD from ISO-8601 version of date from HTTP: '20261206' != '20261207', "
                + "from '20261207T024500Z'.");
    }

    @Test
    void aScopeDateOtherThanTheRequestsDayIsRefused() {
        SignedRequest yesterday = withAuthorization(signed, a -> a.replace("/20261207/", "/20261206/"));

        assertRefused(refusal(yesterday), GlueErrorCode.INVALID_SIGNATURE, "Date in Credential scope does not match "
                + "YYYYMMDD from ISO-8601 version of date from HTTP: '20261206' != '20261207', "
                + "from '20261207T024500Z'.");
    }

    @Test
    void aBodyChangedAfterSigningDoesNotMatch() {
        SignedRequest tampered = withBody(signed, TABLE.replace("orders", "salaries"));

        assertRefused(refusal(tampered), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void aSignedHeaderChangedAfterSigningDoesNotMatch() {
        assertThat(authorization).contains("x-amz-target");

        SignedRequest tampered = withHeader(signed, "X-Amz-Target", "AWSGlue.DeleteTable");

        assertRefused(refusal(tampered), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void aSignedHeaderRemovedOrAddedToDoesNotMatch() {
        assertRefused(refusal(withHeader(signed, "X-Amz-Target")), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
        assertRefused(refusal(withHeader(signed, "X-Amz-Target", "AWSGlue.GetTable", "AWSGlue.DeleteTable")),
                GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void aHostOtherThanTheSignedOneDoesNotMatch() {
        SignedRequest rebound = withHeader(signed, "Host", "attacker.example:4050");

        assertRefused(refusal(rebound), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void aDateMovedWithinTheWindowDoesNotMatch() {
        SignedRequest moved = withHeader(signed, "X-Amz-Date", "20261207T024600Z");

        assertRefused(refusal(moved), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void aPathOrQueryChangedAfterSigningDoesNotMatch() {
        SignedRequest query = sign(get("/databases").putRawQueryParameter("name", "sales"));
        SignedRequest otherQuery = new SignedRequest(query.method(), query.path(), "name=hr", query.headers(),
                query.body());
        SignedRequest otherPath = new SignedRequest(query.method(), "/databases/", query.rawQuery(), query.headers(),
                query.body());
        SignedRequest otherMethod = new SignedRequest("DELETE", query.path(), query.rawQuery(), query.headers(),
                query.body());

        assertRefused(refusal(otherQuery), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
        assertRefused(refusal(otherPath), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
        assertRefused(refusal(otherMethod), GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void aSignatureChangedInOneCharacterDoesNotMatch() {
        String signature = authorization.substring(authorization.indexOf("Signature=") + 10);
        String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);

        assertRefused(refusal(withAuthorization(signed, a -> a.replace(signature, flipped))),
                GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
        assertRefused(refusal(withAuthorization(signed, a -> a.replace(signature, signature.toUpperCase()))),
                GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
        assertRefused(refusal(withAuthorization(signed, a -> a.replace(signature, signature.substring(1)))),
                GlueErrorCode.INVALID_SIGNATURE, MISMATCH);
    }

    @Test
    void eachMissingAuthorizationPartIsNamed() {
        String credential = part("Credential");
        String signedHeaders = part("SignedHeaders");
        String signature = part("Signature");

        assertIncomplete(authorization.replace(credential + ", ", ""),
                "Authorization header requires 'Credential' parameter. ");
        assertIncomplete(authorization.replace(", " + signature, ""),
                "Authorization header requires 'Signature' parameter. ");
        assertIncomplete(authorization.replace(signedHeaders + ", ", ""),
                "Authorization header requires 'SignedHeaders' parameter. ");
        assertIncomplete("AWS4-HMAC-SHA256 " + signedHeaders, "Authorization header requires 'Credential' parameter. "
                + "Authorization header requires 'Signature' parameter. ");
        assertIncomplete("AWS4-HMAC-SHA256", "Authorization header requires 'Credential' parameter. Authorization "
                + "header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. ");
        assertIncomplete(authorization.replace(signature, "Signature="),
                "Authorization header requires 'Signature' parameter. ");
    }

    @Test
    void anAuthorizationHeaderOfAnotherSchemeLacksEveryPart() {
        String sigV2 = "AWS AKIAMORTARROOT000001:frJIUN8DYpKDtOLCwo//yllqDzg=";

        assertIncomplete(sigV2, "Authorization header requires 'Credential' parameter. Authorization header requires "
                + "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. ");
        assertIncomplete("Bearer eyJhbGciOiJIUzI1NiJ9.e30.x", "Authorization header requires 'Credential' parameter. "
                + "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' "
                + "parameter. ");
    }

    @Test
    void aPartThatIsNotKeyEqualsValueIsRefusedFirst() {
        String spaced = authorization.replace("Credential=", "Credential= ");

        GlueException refused = refusal(withHeader(signed, "Authorization", spaced));

        assertRefused(refused, GlueErrorCode.INCOMPLETE_SIGNATURE, "'" + ROOT.accessKeyId()
                + "/20261207/us-east-1/glue/aws4_request' not a valid key=value pair (missing equal-sign) in "
                + "Authorization header: '" + spaced + "'.");
    }

    @Test
    void aRequestWithoutADateSaysSo() {
        SignedRequest undated = withHeader(signed, "X-Amz-Date");

        assertRefused(refusal(undated), GlueErrorCode.INCOMPLETE_SIGNATURE, "Authorization header requires existence "
                + "of either a 'X-Amz-Date' or a 'Date' header. Authorization=" + authorization);
        assertRefused(refusal(withHeader(undated, "Authorization", "AWS4-HMAC-SHA256")),
                GlueErrorCode.INCOMPLETE_SIGNATURE, "Authorization header requires 'Credential' parameter. "
                        + "Authorization header requires 'Signature' parameter. Authorization header requires "
                        + "'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' "
                        + "or a 'Date' header. Authorization=AWS4-HMAC-SHA256");
    }

    @Test
    void theDateHeaderIsReadWhenXAmzDateIsAbsent() {
        SignedRequest dated = withHeader(withHeader(signed, "X-Amz-Date"), "Date", "20261207T020000Z");

        assertRefused(refusal(dated), GlueErrorCode.INVALID_SIGNATURE,
                "Signature expired: 20261207T020000Z is now earlier than 20261207T023000Z "
                        + "(20261207T024500Z - 15 min.)");
    }

    @Test
    void xAmzDateWinsOverDate() {
        SignedRequest both = withHeader(signed, "Date", "Mon, 07 Dec 2026 01:00:00 GMT");

        assertThat(verifierAt(NOW).verify(both, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aDateNotInIsoBasicFormatIsRefused() {
        for (String date : new String[] {"2026-12-07T02:45:00Z", "Mon, 07 Dec 2026 02:45:00 GMT", "20261307T024500Z",
            "20260230T024500Z", "20261207T244500Z", "20261207 024500Z", ""}) {
            SignedRequest malformed = withHeader(signed, "X-Amz-Date", date);

            assertRefused(refusal(malformed), GlueErrorCode.INCOMPLETE_SIGNATURE, "Date must be in ISO-8601 'basic "
                    + "format'. Got '" + date + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    @Test
    void aSignatureThatDoesNotCoverHostIsRefused() {
        String signedHeaders = part("SignedHeaders");
        SignedRequest hostless = withAuthorization(signed, a -> a.replace(signedHeaders,
                signedHeaders.replace("host;", "")));
        SignedRequest empty = withAuthorization(signed, a -> a.replace(signedHeaders, "SignedHeaders="));

        assertThat(header(hostless, "Authorization")).doesNotContain("host");
        assertRefused(refusal(hostless), GlueErrorCode.INVALID_SIGNATURE,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        assertRefused(refusal(empty), GlueErrorCode.INVALID_SIGNATURE,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void anotherAlgorithmIsUnsupported() {
        SignedRequest sha512 = withAuthorization(signed, a -> a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512"));

        assertRefused(refusal(sha512), GlueErrorCode.INCOMPLETE_SIGNATURE,
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ");
    }

    @Test
    void aCredentialWithoutFiveSlashSeparatedPartsIsIncomplete() {
        String fourParts = ROOT.accessKeyId() + "/20261207/us-east-1/glue";
        String sixParts = ROOT.accessKeyId() + "/20261207/us-east-1/glue/aws4_request/x";

        assertRefused(refusal(withAuthorization(signed, a -> a.replace(credentialValue(), fourParts))),
                GlueErrorCode.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited elements, "
                        + "e.g. keyid/date/region/service/term, got '" + fourParts + "'");
        assertRefused(refusal(withAuthorization(signed, a -> a.replace(credentialValue(), sixParts))),
                GlueErrorCode.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited elements, "
                        + "e.g. keyid/date/region/service/term, got '" + sixParts + "'");
    }

    @Test
    void trailingSlashesAfterTheCredentialAreIgnored() {
        SignedRequest slashed = withAuthorization(signed, a -> a.replace(credentialValue(), credentialValue() + "//"));

        assertThat(verifierAt(NOW).verify(slashed, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aTemporaryCredentialWithoutItsTokenIsUnrecognized() {
        Credential tokenless = new Credential(RUN.accessKeyId(), RUN.secretAccessKey(), Optional.empty(),
                Optional.empty());

        assertRefused(refusal(sign(glueCall("GetTable", TABLE), tokenless)), GlueErrorCode.UNRECOGNIZED_CLIENT,
                INVALID_TOKEN);
    }

    @Test
    void aTemporaryCredentialWithAnotherTokenIsUnrecognized() {
        Credential otherToken = new Credential(RUN.accessKeyId(), RUN.secretAccessKey(),
                Optional.of("FwoGZXIvYXdzEJr//////////wEaDM-run-tokeN=="), Optional.empty());

        assertRefused(refusal(sign(glueCall("GetTable", TABLE), otherToken)), GlueErrorCode.UNRECOGNIZED_CLIENT,
                INVALID_TOKEN);
    }

    @Test
    void aLongTermKeyWithASessionTokenIsUnrecognized() {
        Credential withToken = new Credential(ROOT.accessKeyId(), ROOT.secretAccessKey(), Optional.of("stale"),
                Optional.empty());

        assertRefused(refusal(sign(glueCall("GetTable", TABLE), withToken)), GlueErrorCode.UNRECOGNIZED_CLIENT,
                INVALID_TOKEN);
    }

    @Test
    void aTemporaryCredentialPastItsEndHasExpired() {
        SignedRequest request = sign(glueCall("GetTable", TABLE), RUN);
        Instant end = RUN.expiresAt().orElseThrow();
        SigV4Verifier atTheEnd = verifierAt(end);
        SignedRequest signedJustBefore = sign(glueCall("GetTable", TABLE), RUN, REGION, SERVICE, end.minusSeconds(1));

        assertThat(verifierAt(NOW).verify(request, keys(RUN))).isEqualTo(RUN);
        assertThat(verifierAt(end.minusSeconds(1)).verify(signedJustBefore, keys(RUN))).isEqualTo(RUN);
        assertRefused(refusal(signedJustBefore, atTheEnd, keys(RUN)), GlueErrorCode.EXPIRED_TOKEN,
                "The security token included in the request is expired");
    }

    private String part(String name) {
        int start = authorization.indexOf(name + "=");
        int end = authorization.indexOf(',', start);
        return authorization.substring(start, end < 0 ? authorization.length() : end);
    }

    private String credentialValue() {
        return part("Credential").substring("Credential=".length());
    }

    private void assertIncomplete(String header, String missing) {
        assertRefused(refusal(withHeader(signed, "Authorization", header)), GlueErrorCode.INCOMPLETE_SIGNATURE,
                missing + "Authorization=" + header);
    }

    static void assertRefused(GlueException refused, GlueErrorCode code, String message) {
        assertThat(refused.code()).as(refused.getMessage()).isEqualTo(code);
        assertThat(refused.getMessage()).isEqualTo(message);
    }
}
