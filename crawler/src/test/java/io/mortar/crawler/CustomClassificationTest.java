package io.mortar.crawler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.crawler.custom.CustomClassifiers;
import io.mortar.model.GlueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CsvClassifier;
import software.amazon.awssdk.services.glue.model.CsvHeaderOption;
import software.amazon.awssdk.services.glue.model.GrokClassifier;
import software.amazon.awssdk.services.glue.model.JsonClassifier;
import software.amazon.awssdk.services.glue.model.XMLClassifier;

class CustomClassificationTest {
    @TempDir
    java.nio.file.Path dir;

    private final Configuration conf = new Configuration(false);

    private FileClassification classify(String name, String content, Classifier... classifiers) throws IOException {
        java.nio.file.Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return new FileClassifier(conf, ClassifierOptions.defaults(), new CustomClassifiers(List.of(classifiers)))
                .classify(FileSystem.getLocal(conf).getRaw(), new Path(file.toUri()));
    }

    private static List<String> columns(FileClassification c) {
        return c.columns().stream().map(col -> col.name() + ":" + col.typeName()).toList();
    }

    private static Classifier grok(String classification, String pattern, String custom) {
        return Classifier.builder().grokClassifier(GrokClassifier.builder().name(classification)
                .classification(classification).grokPattern(pattern).customPatterns(custom).build()).build();
    }

    @Test
    void grokClassifierWinsWhenEveryLineMatches() throws IOException {
        String log = "2024-03-01T10:00:00Z ERROR payment failed\n2024-03-01T10:00:01Z INFO retry ok\n";
        FileClassification c = classify("app.log", log,
                grok("applog", "%{TIMESTAMP_ISO8601:at} %{LOGLEVEL:level} %{GREEDYDATA:msg}", null));
        assertThat(c.classification()).isEqualTo("applog");
        assertThat(columns(c)).containsExactly("at:string", "level:string", "msg:string");
        assertThat(c.storageFormat().serializationLibrary()).isEqualTo("com.amazonaws.glue.serde.GrokSerDe");
        assertThat(c.storageFormat().serdeParameters())
                .containsEntry("input.format", "%{TIMESTAMP_ISO8601:at} %{LOGLEVEL:level} %{GREEDYDATA:msg}");
        assertThat(c.parameters()).containsEntry("classification", "applog");
    }

    @Test
    void firstCertainClassifierWinsAndPartialMatchesLoseToBuiltIns() throws IOException {
        String csv = "id,name\n1,a\n2,b\n";
        // a pattern matching 2 of 3 lines is less than certain: the built-in CSV classifier wins
        FileClassification partial = classify("p.csv", csv, grok("digits", "%{INT:n},%{WORD:w}", null));
        assertThat(partial.classification()).isEqualTo("csv");
        // two certain classifiers: the first in order wins
        FileClassification ordered = classify("o.csv", csv, grok("first", "%{GREEDYDATA:line}", null),
                grok("second", "%{DATA:a},%{GREEDYDATA:b}", null));
        assertThat(ordered.classification()).isEqualTo("first");
        // a partial match wins when no built-in recognises the file
        String text = "alpha 1\nbeta\ngamma 3\n";
        FileClassification fallback = classify("t.txt", text, grok("pairs", "%{WORD:k} %{INT:v:int}", null));
        assertThat(fallback.classification()).isEqualTo("pairs");
        assertThat(columns(fallback)).containsExactly("k:string", "v:int");
    }

    @Test
    void jsonClassifierPathSelectsRecords() throws IOException {
        String json = "{\"meta\": {\"v\": 1}, \"records\": [{\"id\": 1, \"x\": 1.5}, {\"id\": 2, \"y\": \"b\"}]}";
        FileClassification c = classify("wrapped.json", json, Classifier.builder()
                .jsonClassifier(JsonClassifier.builder().name("recs").jsonPath("$.records[*]").build()).build());
        assertThat(c.classification()).isEqualTo("json");
        assertThat(columns(c)).containsExactly("id:int", "x:double", "y:string");
        assertThat(c.parameters()).containsEntry("jsonPath", "$.records[*]");
        assertThat(c.recordEstimate()).isEqualTo(2);
        FileClassification builtIn = classify("wrapped2.json", json);
        assertThat(columns(builtIn)).containsExactly("meta:struct<v:int>",
                "records:array<struct<id:int,x:double,y:string>>");
    }

    @Test
    void xmlClassifierRowTag() throws IOException {
        String xml = "<feed><meta><n>2</n></meta><entry kind=\"a\"><v>1</v><tag>x</tag><tag>y</tag></entry>"
                + "<entry kind=\"b\"><v>2</v><tag>z</tag></entry><entry kind=\"c\"><v>3</v></entry></feed>";
        FileClassification c = classify("feed.xml", xml, Classifier.builder().xmlClassifier(
                XMLClassifier.builder().name("entries").classification("xml").rowTag("entry").build()).build());
        assertThat(c.classification()).isEqualTo("xml");
        assertThat(columns(c)).containsExactly("_kind:string", "v:bigint", "tag:array<string>");
        assertThat(c.parameters()).containsEntry("rowTag", "entry");
        assertThat(c.recordEstimate()).isEqualTo(3);
    }

    @Test
    void csvClassifierWithHeaderTypesAndSingleColumn() throws IOException {
        Classifier custom = Classifier.builder().csvClassifier(CsvClassifier.builder().name("c").delimiter("#")
                .quoteSymbol("'").containsHeader(CsvHeaderOption.ABSENT).header("Id", "When", "Amount")
                .customDatatypeConfigured(true).customDatatypes("INT", "DATE", "DECIMAL").build()).build();
        FileClassification c = classify("h.txt", "1#2024-01-01#1.5\n2#2024-01-02#'2.5'\n", custom);
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(c.parameters()).containsEntry("delimiter", "#");
        assertThat(columns(c)).containsExactly("id:int", "when:date", "amount:decimal(38,18)");
        assertThat(c.storageFormat().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.serde2.OpenCSVSerde");
        assertThat(c.storageFormat().serdeParameters()).containsEntry("quoteChar", "'");

        Classifier single = Classifier.builder().csvClassifier(CsvClassifier.builder().name("s")
                .allowSingleColumn(true).containsHeader(CsvHeaderOption.PRESENT).serde("LazySimpleSerDe").build())
                .build();
        FileClassification one = classify("one.txt", "word\nalpha\nbeta\n", single);
        assertThat(one.classification()).isEqualTo("csv");
        assertThat(columns(one)).containsExactly("word:string");
        assertThat(one.parameters()).containsEntry("skip.header.line.count", "1");
    }

    @Test
    void badDefinitionsAreInvalidInputNamingTheField() {
        assertThatThrownBy(() -> new CustomClassifiers(List.of(Classifier.builder().csvClassifier(
                CsvClassifier.builder().name("c").delimiter(",").quoteSymbol(",").build()).build())))
                .isInstanceOf(GlueException.class).hasMessageContaining("QuoteSymbol");
        assertThatThrownBy(() -> new CustomClassifiers(List.of(Classifier.builder().xmlClassifier(
                XMLClassifier.builder().name("x").classification("xml").build()).build())))
                .isInstanceOf(GlueException.class).hasMessageContaining("RowTag");
        assertThatThrownBy(() -> new CustomClassifiers(List.of(Classifier.builder().jsonClassifier(
                JsonClassifier.builder().name("j").jsonPath("records[*]").build()).build())))
                .isInstanceOf(GlueException.class).hasMessageContaining("JsonPath");
        assertThatThrownBy(() -> new CustomClassifiers(List.of(Classifier.builder().csvClassifier(
                CsvClassifier.builder().name("c").customDatatypeConfigured(true).customDatatypes("MONEY").build())
                .build()))).isInstanceOf(GlueException.class).hasMessageContaining("CustomDatatypes");
        assertThatThrownBy(() -> new CustomClassifiers(List.of(Classifier.builder().build())))
                .isInstanceOf(GlueException.class).hasMessageContaining("GrokClassifier");
    }
}
