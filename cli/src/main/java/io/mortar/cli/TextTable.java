package io.mortar.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as an aligned, readable table with a header; long cells are cut with an ellipsis. */
final class TextTable {
    private static final int MAX_CELL = 80;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final int maxCell;

    TextTable(String... header) {
        this(MAX_CELL, header);
    }

    private TextTable(int maxCell, String... header) {
        this.header = List.of(header);
        this.maxCell = maxCell;
    }

    /** A table whose cells are never cut: paths a person copies from it (a cut one names nothing). */
    static TextTable uncut(String... header) {
        return new TextTable(Integer.MAX_VALUE, header);
    }

    TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            String text = cell == null ? "" : cell.toString().replace('\n', ' ');
            row.add(text.length() > maxCell ? text.substring(0, maxCell - 1) + "…" : text);
        }
        rows.add(row);
        return this;
    }

    int size() {
        return rows.size();
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(out, header, widths);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append("  ");
            }
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cells.get(i).length()));
            }
        }
        out.println(line.toString().stripTrailing()); // empty last cells leave no trailing blanks
    }
}
