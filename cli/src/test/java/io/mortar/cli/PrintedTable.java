package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TextTable} as a person sees it, read back by position: the rule line of dashes under the header marks
 * where each column starts and how wide it is. Reading checks the layout on the way, so a test that compares
 * cells also proves the columns line up:
 * <ul>
 *   <li>every cell starts exactly at its column (no cell pushed right by a neighbour);</li>
 *   <li>the gap between columns is blank on every line;</li>
 *   <li>each column is as wide as its widest cell or header, no wider;</li>
 *   <li>no line has trailing blanks.</li>
 * </ul>
 */
record PrintedTable(List<String> header, List<List<String>> rows) {

    static PrintedTable read(List<String> lines) {
        assertThat(lines).as("a table has a header and a rule").hasSizeGreaterThanOrEqualTo(2);
        String rule = lines.get(1);
        assertThat(rule).as("rule line").matches("-+( {2}-+)*");
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i < rule.length(); ) {
            int end = rule.indexOf(' ', i);
            end = end < 0 ? rule.length() : end;
            spans.add(new int[] {i, end});
            i = end + 2;
        }
        List<String> header = cells(lines.get(0), spans);
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            rows.add(cells(line, spans));
        }
        for (int c = 0; c < spans.size(); c++) {
            int widest = header.get(c).length();
            for (List<String> row : rows) {
                widest = Math.max(widest, row.get(c).length());
            }
            assertThat(spans.get(c)[1] - spans.get(c)[0]).as("width of column %s", header.get(c)).isEqualTo(widest);
        }
        return new PrintedTable(header, rows);
    }

    private static List<String> cells(String line, List<int[]> spans) {
        assertThat(line).as("no trailing blanks: '%s'", line).isEqualTo(line.stripTrailing());
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < spans.size(); c++) {
            int start = spans.get(c)[0];
            int end = c + 1 < spans.size() ? spans.get(c)[1] : Math.max(line.length(), start);
            String cell = start >= line.length() ? "" : line.substring(start, Math.min(end, line.length()));
            if (!cell.isBlank()) {
                assertThat(cell).as("cell %d of '%s' starts at its column", c, line).doesNotStartWith(" ");
            }
            if (c + 1 < spans.size() && end < line.length()) {
                assertThat(line.substring(end, Math.min(spans.get(c + 1)[0], line.length())))
                        .as("gap after column %d of '%s'", c, line).isBlank();
            }
            cells.add(cell.stripTrailing());
        }
        return cells;
    }

    List<String> column(String name) {
        int c = header.indexOf(name);
        assertThat(c).as("column %s in %s", name, header).isNotNegative();
        return rows.stream().map(r -> r.get(c)).toList();
    }
}
