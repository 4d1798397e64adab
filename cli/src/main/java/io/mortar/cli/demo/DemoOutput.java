package io.mortar.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** What the demo prints on stdout: a step's indented lines, the report's text and table, and their formats. */
final class DemoOutput {
    private final PrintWriter out;

    DemoOutput(PrintWriter out) {
        this.out = out;
    }

    /** A line of the current step, indented under its title. */
    void line(String format, Object... args) {
        out.println("      " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    void println(String text) {
        out.println(text);
    }

    void println() {
        out.println();
    }

    void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
    }

    void flush() {
        out.flush();
    }

    /** Rows under a header row: the first column left-aligned, the others right-aligned. */
    void table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                widths[k] = Math.max(widths[k], row[k].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int k = 0; k < row.length; k++) {
                String cell = row[k];
                String pad = " ".repeat(widths[k] - cell.length());
                sb.append(k > 0 ? pad + cell : cell + pad).append(k < row.length - 1 ? "  " : "");
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /** The time since {@code startNanos} (a {@link System#nanoTime()}), as {@link #duration(double)}. */
    static String seconds(long startNanos) {
        return duration((System.nanoTime() - startNanos) / 1e9);
    }

    /** {@code 12.3 s} under a minute, else whole seconds: {@code 2 min 05 s}. */
    static String duration(double s) {
        if (s < 59.95) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0 %" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
