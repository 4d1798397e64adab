package io.mortar.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the canonical request a wire can spell in more than one way. */
class CanonicalRequestTest {
    @Test
    void theQueryIsReencodedAndSortedByNameThenValue() {
        assertThat(query("b=2&a=2&a=10&A=x&a-b=1")).isEqualTo("A=x&a=10&a=2&a-b=1&b=2");
        assertThat(query("k=a%2ab&k=a*b")).isEqualTo("k=a%2Ab&k=a%2Ab");
        assertThat(query("k=%7e%41")).isEqualTo("k=~A");
        assertThat(query("k=a+b")).as("a plus is a plus").isEqualTo("k=a%2Bb");
        assertThat(query("k=%zz%4")).as("a broken escape stands for itself").isEqualTo("k=%25zz%254");
        assertThat(query("k=zo%C3%AB&k=zoë")).isEqualTo("k=zo%C3%AB&k=zo%C3%AB");
    }

    @Test
    void aParameterWithoutValueGetsAnEmptyOneAndOneWithoutNameIsLeftOut() {
        assertThat(query("flag&k=")).isEqualTo("flag=&k=");
        assertThat(query("=orphan&&k=v&")).isEqualTo("k=v");
        assertThat(query("k=a=b")).isEqualTo("k=a%3Db");
    }

    @Test
    void thePathIsEncodedOnceMoreWithSlashesKept() {
        assertThat(CanonicalRequest.uri("")).isEqualTo("/");
        assertThat(CanonicalRequest.uri("/")).isEqualTo("/");
        assertThat(CanonicalRequest.uri("/my%20db/a*b")).isEqualTo("/my%2520db/a%2Ab");
        assertThat(CanonicalRequest.uri("/a/./b/../c//d/")).isEqualTo("/a/c/d/");
        assertThat(CanonicalRequest.uri("/a/b/.")).isEqualTo("/a/b");
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        SignedRequest request = new SignedRequest("GET", "/", null, Map.of(
                "X-A", List.of("  one   two\t\tthree  ", "", " four "),
                "Host", List.of("h")), new byte[0]);

        String canonical = CanonicalRequest.of(request, List.of("host", "x-a"), "host;x-a", "hash");

        assertThat(canonical).isEqualTo("GET\n/\n\nhost:h\nx-a:one two three,,four\n\nhost;x-a\nhash");
    }

    private static String query(String raw) {
        String canonical = CanonicalRequest.of(new SignedRequest("GET", "/", raw, Map.of(), new byte[0]), List.of(),
                "", "hash");
        return canonical.split("\n", -1)[2];
    }
}
