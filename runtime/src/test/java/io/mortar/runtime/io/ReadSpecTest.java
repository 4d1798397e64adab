package io.mortar.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

class ReadSpecTest {
    private static StorageDescriptor sd(String serDe, Map<String, String> params, String inputFormat) {
        return StorageDescriptor.builder().location("file:/x").inputFormat(inputFormat)
                .serdeInfo(SerDeInfo.builder().serializationLibrary(serDe).parameters(params).build()).build();
    }

    @Test
    void lazySimpleSerDeDelimiterAndHeaderFromTheTable() {
        ReadSpec spec = ReadSpec.fromStorage("db.t", sd(CsvOptions.LAZY_SIMPLE_SERDE, Map.of("field.delim", "|"),
                DataFormat.CSV.inputFormat()), Map.of("skip.header.line.count", "1"));
        assertThat(spec.format()).isEqualTo(DataFormat.CSV);
        assertThat(spec.csv().separator()).isEqualTo("|");
        assertThat(spec.csv().header()).isTrue();
        assertThat(spec.csv().quote()).isEqualTo(CsvOptions.NO_QUOTE);
    }

    @Test
    void openCsvSerDeQuoteAndEscape() {
        ReadSpec spec = ReadSpec.fromStorage("db.t", sd(CsvOptions.OPEN_CSV_SERDE,
                Map.of("separatorChar", ";", "quoteChar", "'", "escapeChar", "#"), null), Map.of());
        assertThat(spec.csv()).extracting(CsvOptions::separator, CsvOptions::quote, CsvOptions::escape,
                CsvOptions::header).containsExactly(";", "'", "#", false);
    }

    @Test
    void classificationWinsThenSerDeThenInputFormat() {
        assertThat(ReadSpec.fromStorage("db.t", sd(CsvOptions.LAZY_SIMPLE_SERDE, Map.of(), null),
                Map.of("classification", "json")).format()).isEqualTo(DataFormat.JSON);
        assertThat(ReadSpec.fromStorage("db.t", sd("org.openx.data.jsonserde.JsonSerDe", Map.of(), null), Map.of())
                .format()).isEqualTo(DataFormat.JSON);
        assertThat(ReadSpec.fromStorage("db.t", sd(null, Map.of(), DataFormat.ORC.inputFormat()), Map.of())
                .format()).isEqualTo(DataFormat.ORC);
        assertThat(ReadSpec.fromStorage("db.t", sd(DataFormat.AVRO.serDe(), Map.of(), null), Map.of()).format())
                .isEqualTo(DataFormat.AVRO);
    }

    @Test
    void unreadableTablesAreRefusedNamingTheTable() {
        assertThatThrownBy(() -> ReadSpec.fromStorage("db.t", sd(null, Map.of(), null),
                Map.of("classification", "xml"))).hasMessageContaining("db.t has classification 'xml'");
        assertThatThrownBy(() -> ReadSpec.fromStorage("db.t", sd("com.example.Weird", Map.of(), "x.Input"),
                Map.of())).hasMessageContaining("Cannot tell the format of table db.t");
        assertThatThrownBy(() -> ReadSpec.fromStorage("db.t", sd(CsvOptions.LAZY_SIMPLE_SERDE, Map.of(), null),
                Map.of("skip.header.line.count", "2"))).hasMessageContaining("skip.header.line.count is 2");
    }

    @Test
    void formatOptionsForCsv() {
        ReadSpec spec = ReadSpec.fromFormat("csv", Options.of("format option",
                Map.of("separator", "\\t", "quoteChar", "-1", "withHeader", "true")));
        assertThat(spec.csv().separator()).isEqualTo("\t");
        assertThat(spec.csv().quote()).isEqualTo(CsvOptions.NO_QUOTE);
        assertThat(spec.csv().header()).isTrue();
        assertThatThrownBy(() -> ReadSpec.fromFormat("csv", Options.of("format option", Map.of("separator", "ab"))))
                .hasMessageContaining("'separator' must be a single character");
        assertThatThrownBy(() -> ReadSpec.fromFormat("xml", Options.of("format option", Map.of())))
                .hasMessageContaining("The format 'xml' is not supported");
    }
}
