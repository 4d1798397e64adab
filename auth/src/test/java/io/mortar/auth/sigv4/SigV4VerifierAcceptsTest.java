package io.mortar.auth.sigv4;

import static io.mortar.auth.sigv4.SdkSigner.NOW;
import static io.mortar.auth.sigv4.SdkSigner.ROOT;
import static io.mortar.auth.sigv4.SdkSigner.RUN;
import static io.mortar.auth.sigv4.SdkSigner.get;
import static io.mortar.auth.sigv4.SdkSigner.glueCall;
import static io.mortar.auth.sigv4.SdkSigner.keys;
import static io.mortar.auth.sigv4.SdkSigner.sign;
import static io.mortar.auth.sigv4.SdkSigner.verifierAt;
import static io.mortar.auth.sigv4.SdkSigner.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Requests the AWS SDK's own signer signed verify, whatever in them the rules encode, trim or sort. */
class SigV4VerifierAcceptsTest {
    private final SigV4Verifier verifier = verifierAt(NOW);

    @Test
    void aGlueJsonCallVerifiesAsTheKeyThatSignedIt() {
        SignedRequest request = sign(glueCall("GetTable", "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}"));

        assertThat(verifier.verify(request, keys(ROOT, RUN))).isEqualTo(ROOT);
    }

    @Test
    void aQueryWithCharactersNeedingEncodingVerifies() {
        SignedRequest request = sign(get("/databases")
                .putRawQueryParameter("name", "a b/c*d~e+f&g=h")
                .putRawQueryParameter("unicode", "zoë ∑ 日本")
                .putRawQueryParameter("list", List.of("b", "a", "A", "a b"))
                .putRawQueryParameter("empty", "")
                .putRawQueryParameter("Upper", "1")
                .putRawQueryParameter("a-b", "sorted before a=")
                .putRawQueryParameter("a", "x"));

        assertThat(request.rawQuery()).contains("%20", "%2F", "%2A", "%2B", "%26", "%3D", "%C3%AB");
        assertThat(verifier.verify(request, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aQueryAsAnotherClientWroteItVerifiesToo() {
        SignedRequest request = sign(get("/databases").putRawQueryParameter("name", "a*b c~"));
        // the same parameter spelled differently on the wire: lower-case hex, * and ~ escaped or not
        SignedRequest respelled = new SignedRequest(request.method(), request.path(), "name=a%2ab%20c%7E",
                request.headers(), request.body());

        assertThat(verifier.verify(respelled, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aPathWithSegmentsNeedingEncodingVerifies() {
        SignedRequest request = sign(get("/databases/my%20db/tables/a%2Fb+c:d@e%25f/%E6%97%A5"));

        assertThat(verifier.verify(request, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aPathWithDotSegmentsAndDoubledSlashesVerifiesNormalized() {
        for (String path : List.of("/a/./b//c/../d", "/a/b/.", "/a/b/..", "//x", "/a/b/", "/a//", "//", "/../a")) {
            SignedRequest request = sign(get(path));

            assertThat(verifier.verify(request, keys(ROOT))).as(path).isEqualTo(ROOT);
        }
    }

    @Test
    void repeatedAndSpacePaddedHeadersVerify() {
        SignedRequest request = sign(glueCall("GetTables", "{\"DatabaseName\":\"sales\"}")
                .putHeader("X-Mortar-Tags", List.of("  team   data  ", "\tcost\t center ", "x"))
                .putHeader("X-Mortar-Note", "   several    spaces   inside   "));

        assertThat(SdkSigner.header(request, "Authorization")).contains("x-mortar-note;x-mortar-tags");
        assertThat(verifier.verify(request, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void headersAsAnHttpServerHandsThemOverVerify() {
        SignedRequest request = sign(glueCall("GetTables", "{}").putHeader("X-Mortar-Note", "  padded   value  "));
        // a server strips the white space around a value and may spell every name in lower case
        Map<String, List<String>> received = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT),
                values.stream().map(String::strip).toList()));

        SignedRequest asReceived = new SignedRequest(request.method(), request.path(), request.rawQuery(), received,
                request.body());

        assertThat(verifier.verify(asReceived, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aRepeatedHeaderSentUnderTwoSpellingsVerifies() {
        SignedRequest request = sign(glueCall("GetTables", "{}").putHeader("X-Mortar-Tags", List.of("a", "b")));
        Map<String, List<String>> split = new LinkedHashMap<>(request.headers());
        split.remove("X-Mortar-Tags");
        split.put("X-Mortar-Tags", List.of("a"));
        split.put("x-mortar-tags", List.of("b"));

        SignedRequest respelled = new SignedRequest(request.method(), request.path(), request.rawQuery(), split,
                request.body());

        assertThat(verifier.verify(respelled, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aTemporaryCredentialWithItsSessionTokenVerifies() {
        SignedRequest request = sign(glueCall("GetTable", "{\"DatabaseName\":\"sales\",\"Name\":\"orders\"}"), RUN);

        assertThat(SdkSigner.header(request, "X-Amz-Security-Token")).isEqualTo(RUN.sessionToken().orElseThrow());
        assertThat(verifier.verify(request, keys(ROOT, RUN))).isEqualTo(RUN);
    }

    @Test
    void anUnsignedHeaderMayChange() {
        SignedRequest request = sign(glueCall("GetTable", "{}")); // the SDK does not sign User-Agent
        assertThat(SdkSigner.header(request, "Authorization")).doesNotContain("user-agent");

        SignedRequest changed = withHeader(request, "User-Agent", "something else entirely");

        assertThat(verifier.verify(changed, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aSignatureFourteenMinutesEitherSideOfTheServersClockVerifies() {
        SignedRequest old = sign(glueCall("GetTable", "{}"), NOW.minus(Duration.ofMinutes(14)));
        SignedRequest ahead = sign(glueCall("GetTable", "{}"), NOW.plus(Duration.ofMinutes(14)));
        SignedRequest exactlyOld = sign(glueCall("GetTable", "{}"), NOW.minus(Duration.ofMinutes(15)));
        SignedRequest exactlyAhead = sign(glueCall("GetTable", "{}"), NOW.plus(Duration.ofMinutes(15)));

        assertThat(verifier.verify(old, keys(ROOT))).isEqualTo(ROOT);
        assertThat(verifier.verify(ahead, keys(ROOT))).isEqualTo(ROOT);
        assertThat(verifier.verify(exactlyOld, keys(ROOT))).isEqualTo(ROOT);
        assertThat(verifier.verify(exactlyAhead, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void aSignatureAcrossMidnightUsesTheDayItWasSignedOn() {
        SignedRequest lastNight = sign(glueCall("GetTable", "{}"), NOW.minus(Duration.ofHours(2).plusMinutes(50)));
        SigV4Verifier afterMidnight = verifierAt(NOW.minus(Duration.ofHours(2).plusMinutes(40)));

        assertThat(SdkSigner.header(lastNight, "X-Amz-Date")).isEqualTo("20261206T235500Z");
        assertThat(afterMidnight.verify(lastNight, keys(ROOT))).isEqualTo(ROOT);
    }

    @Test
    void oneVerifierServesManyKeysAcrossDays() {
        MovableClock clock = new MovableClock(NOW);
        SigV4Verifier overDays = new SigV4Verifier(SdkSigner.REGION, SdkSigner.SERVICE, clock, SdkSigner.SKEW);
        Credential lasting = new Credential("ASIAMORTARLASTING001", "another/secret", Optional.of("token"),
                Optional.empty());
        for (int day = 0; day < 3; day++) {
            clock.set(NOW.plus(Duration.ofDays(day)));
            for (Credential credential : List.of(ROOT, lasting)) {
                SignedRequest request = sign(glueCall("GetTable", "{}"), credential, SdkSigner.REGION,
                        SdkSigner.SERVICE, clock.instant());

                assertThat(overDays.verify(request, keys(ROOT, lasting))).isEqualTo(credential);
            }
        }
    }
}
