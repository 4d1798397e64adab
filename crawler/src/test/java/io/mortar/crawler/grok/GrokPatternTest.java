package io.mortar.crawler.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueException;
import org.junit.jupiter.api.Test;

class GrokPatternTest {
    @Test
    void fieldsTypesAndBuiltIns() {
        GrokPattern p = GrokPattern.compile(
                "%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{IPORHOST:host} %{NUMBER:ms:double} %{INT:code:int} "
                        + "%{WORD:op} %{NOTSPACE:path} %{QUOTEDSTRING:agent} %{GREEDYDATA:message}", null);
        assertThat(p.columns().stream().map(c -> c.name() + ":" + c.typeName())).containsExactly("ts:string",
                "level:string", "host:string", "ms:double", "code:int", "op:string", "path:string", "agent:string",
                "message:string");
        String line = "2024-03-01T10:00:00.123Z INFO api.example.com 12.5 200 GET /v1/items \"curl 8\" all good here";
        assertThat(p.parse(line)).hasValueSatisfying(v -> {
            assertThat(v).containsEntry("host", "api.example.com").containsEntry("ms", "12.5")
                    .containsEntry("agent", "\"curl 8\"").containsEntry("message", "all good here");
        });
        assertThat(p.matches("not a log line")).isFalse();
    }

    @Test
    void customPatternsAndHttpDate() {
        GrokPattern p = GrokPattern.compile("%{ORDERID:order} \\[%{HTTPDATE:at}\\] %{DATA:note}",
                "# order ids\nORDERID ORD-[0-9]{4}\n");
        assertThat(p.parse("ORD-1234 [10/Oct/2000:13:55:36 -0700] rush")).hasValueSatisfying(v ->
                assertThat(v).containsEntry("order", "ORD-1234").containsEntry("note", "rush"));
        assertThat(p.matches("ORD-12 [10/Oct/2000:13:55:36 -0700] rush")).isFalse();
    }

    @Test
    void unknownPatternsTypesAndCyclesAreInvalidInput() {
        assertThatThrownBy(() -> GrokPattern.compile("%{NOPE:x}", null)).isInstanceOf(GlueException.class)
                .hasMessageContaining("unknown pattern: NOPE");
        assertThatThrownBy(() -> GrokPattern.compile("%{INT:x:money}", null)).isInstanceOf(GlueException.class)
                .hasMessageContaining("unknown type");
        assertThatThrownBy(() -> GrokPattern.compile("%{A}", "A %{B}\nB %{A}")).isInstanceOf(GlueException.class)
                .hasMessageContaining("nest");
        assertThatThrownBy(() -> GrokPattern.compile("%{INT:x}", "BADLINE")).isInstanceOf(GlueException.class)
                .hasMessageContaining("CustomPatterns");
    }
}
