package io.mortar.crawler.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueException;
import java.util.Map;
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
    void semicolonTypesWithFormatsAsInGluesDatatypedPattern() {
        GrokPattern p = GrokPattern.compile(
                "%{HTTPDATE:at;date;dd/MMM/yyyy:HH:mm:ss Z} %{INT:n;int} %{WORD:w:string} %{NUMBER:x:double:#.##}", null);
        assertThat(p.columns().stream().map(c -> c.name() + ":" + c.typeName())).containsExactly("at:date", "n:int",
                "w:string", "x:double");
        assertThat(p.parse("10/Oct/2000:13:55:36 -0700 7 ok 1.25")).hasValueSatisfying(v -> assertThat(v)
                .containsExactlyInAnyOrderEntriesOf(Map.of("at", "10/Oct/2000:13:55:36 -0700", "n", "7", "w", "ok",
                        "x", "1.25")));
    }

    @Test
    void inlineDefinitionsCaptureTheirBodyInPlace() {
        GrokPattern p = GrokPattern.compile("%{Ms:ms:int=[0-9]+|-} %{Pair:pair=%{WORD}=%{INT:v:long}}", null);
        assertThat(p.columns().stream().map(c -> c.name() + ":" + c.typeName())).containsExactly("ms:int",
                "pair:string", "v:bigint");
        assertThat(p.parse("- retries=3")).hasValueSatisfying(v -> assertThat(v)
                .containsExactlyInAnyOrderEntriesOf(Map.of("ms", "-", "pair", "retries=3", "v", "3")));
        assertThat(p.parse("12 a=b")).isEmpty();
        // the alternation stays inside the definition's group
        assertThat(GrokPattern.compile("x%{D:d=a|b}y", null).matches("xby")).isTrue();
        assertThat(GrokPattern.compile("x%{D:d=a|b}y", null).matches("xa")).isFalse();
        // an inline definition does not define its name for the references after it
        assertThatThrownBy(() -> GrokPattern.compile("%{Ms:ms=[0-9]+} %{Ms:other}", null))
                .isInstanceOf(GlueException.class).hasMessageContaining("unknown pattern: Ms");
        assertThatThrownBy(() -> GrokPattern.compile("%{Ms:ms=[0-9]{2 x", null)).isInstanceOf(GlueException.class)
                .hasMessageStartingWith("GrokPattern has an inline definition without its closing brace");
    }

    @Test
    void unwantedCapturesAndFieldNamesJavaGroupsCannotHold() {
        GrokPattern p = GrokPattern.compile("%{WORD:UNWANTED} %{IPORHOST:@source.host} %{INT:status-code:int}", null);
        assertThat(p.columns().stream().map(c -> c.name() + ":" + c.typeName())).containsExactly(
                "@source.host:string", "status-code:int");
        assertThat(p.parse("GET db-1.internal 200")).hasValueSatisfying(v -> assertThat(v)
                .containsExactlyInAnyOrderEntriesOf(Map.of("@source.host", "db-1.internal", "status-code", "200")));
        assertThatThrownBy(() -> GrokPattern.compile("%{WORD:UNWANTED:money}", null))
                .isInstanceOf(GlueException.class).hasMessageContaining("unknown type: money");
    }

    @Test
    void customPatternsOverrideBuiltIns() {
        GrokPattern p = GrokPattern.compile("%{LOGLEVEL:level} %{GREEDYDATA:rest}", "LOGLEVEL (?:LOW|HIGH)");
        assertThat(p.matches("HIGH disk")).isTrue();
        assertThat(p.matches("ERROR disk")).isFalse();
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
