package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table printer on its own: cells it must reshape to keep one row per line and the columns aligned. */
class TextTableTest {
    private static List<String> print(TextTable table) {
        StringWriter out = new StringWriter();
        table.print(new PrintWriter(out));
        return out.toString().lines().toList();
    }

    @Test
    void columnsAreAsWideAsTheirWidestCellAndSeparatedByTwoBlanks() {
        List<String> lines = print(new TextTable("A", "LONG HEADER", "C").row("wide cell", 1, null).row("", "x", "z"));

        assertThat(lines).containsExactly(
                "A          LONG HEADER  C",
                "---------  -----------  -",
                "wide cell  1",
                "           x            z");
        assertThat(PrintedTable.read(lines).rows()).containsExactly(List.of("wide cell", "1", ""), List.of("", "x", "z"));
    }

    @Test
    void aMultiLineCellStaysOnOneLineAndALongOneIsCutWithAnEllipsis() {
        String longText = "x".repeat(200);

        List<String> lines = print(new TextTable("NAME", "NOTE").row("a\nb", longText));

        assertThat(lines).hasSize(3);
        PrintedTable table = PrintedTable.read(lines);
        assertThat(table.rows().get(0).get(0)).isEqualTo("a b");
        assertThat(table.rows().get(0).get(1)).isEqualTo("x".repeat(79) + "…");
    }

    @Test
    void anUncutTableKeepsLongCellsWhole() {
        String path = "s3://lake/" + "x".repeat(200) + ".csv";

        List<String> lines = print(TextTable.uncut("FILE", "N").row(path, 1).row("a\nb", 2));

        assertThat(PrintedTable.read(lines).column("FILE")).containsExactly(path, "a b");
    }

    @Test
    void anEmptyTableIsItsHeaderAndRule() {
        TextTable table = new TextTable("NAME", "VALUE");

        assertThat(print(table)).containsExactly("NAME  VALUE", "----  -----");
        assertThat(table.size()).isZero();
    }
}
