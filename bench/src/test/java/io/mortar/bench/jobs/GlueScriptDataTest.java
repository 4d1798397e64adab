package io.mortar.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlueScriptDataTest {
    @TempDir
    Path dir;

    @Test
    void writesTheRowsOverTheFilesWithAHeaderAndAChoiceColumnAndTheRegions() throws Exception {
        Path data = dir.resolve("data");
        GlueScriptData.ensure(data, 10_000, 7);

        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(GlueScriptData.orders(data))) {
            List<Path> csv = files.sorted().toList();
            assertThat(csv).hasSize(GlueScriptData.FILES);
            for (Path file : csv) {
                List<String> lines = Files.readAllLines(file);
                assertThat(lines.get(0)).isEqualTo("order_id,customer_id,region_code,amount,quantity,status,order_date");
                rows.addAll(lines.subList(1, lines.size()));
            }
        }
        assertThat(rows).hasSize(10_000);
        assertThat(rows.stream().map(r -> r.split(",")[0]).distinct().count()).isEqualTo(10_000);
        List<String> amounts = rows.stream().map(r -> r.split(",")[3]).toList();
        assertThat(amounts).contains("unknown");
        assertThat(amounts.stream().filter(a -> !a.equals("unknown"))).allMatch(a -> a.matches("\\d+\\.\\d\\d"));
        List<String> regions = Files.readAllLines(GlueScriptData.regions(data));
        assertThat(regions).hasSize(GlueScriptData.REGIONS + 1).contains("R07,region-07,JP");
        assertThat(rows.stream().map(r -> r.split(",")[2]).distinct().sorted().toList())
                .isEqualTo(regions.subList(1, regions.size()).stream().map(r -> r.split(",")[0]).sorted().toList());
    }

    @Test
    void theSameSeedGivesTheSameBytesAndACompleteDataSetIsKept() throws Exception {
        GlueScriptData.ensure(dir.resolve("a"), 1_000, 7);
        GlueScriptData.ensure(dir.resolve("b"), 1_000, 7);
        Path first = GlueScriptData.orders(dir.resolve("a")).resolve("part-00003.csv");
        assertThat(first).hasSameBinaryContentAs(GlueScriptData.orders(dir.resolve("b")).resolve("part-00003.csv"));

        Files.writeString(first, "kept");
        GlueScriptData.ensure(dir.resolve("a"), 1_000, 7);
        assertThat(first).hasContent("kept");

        GlueScriptData.ensure(dir.resolve("a"), 2_000, 7); // another size: written anew
        assertThat(Files.readAllLines(first)).hasSize(2_000 / GlueScriptData.FILES + 1);
    }
}
