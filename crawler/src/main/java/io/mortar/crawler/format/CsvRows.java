package io.mortar.crawler.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into rows of cells for one delimiter and quote character. A quoted cell may hold delimiters,
 * doubled quotes and line breaks. When the text is a truncated head of a file, its last (possibly cut) row is
 * dropped.
 */
public final class CsvRows {
    /** The rows, and whether any cell was quoted (Glue then chooses OpenCSVSerde). */
    public record Parsed(List<List<String>> rows, boolean quoted) {
    }

    private CsvRows() {
    }

    public static Parsed parse(String text, char delimiter, char quote, int maxRows, boolean truncated) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inQuotes = false;
        boolean quoted = false;
        boolean cellStarted = false;
        int i = 0;
        int n = text.length();
        while (i < n && rows.size() < maxRows) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == quote) {
                    if (i + 1 < n && text.charAt(i + 1) == quote) {
                        cell.append(quote);
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == quote && cell.toString().isBlank()) {
                inQuotes = true;
                quoted = true;
                cellStarted = true;
                cell.setLength(0);
            } else if (c == delimiter) {
                row.add(cell.toString());
                cell.setLength(0);
                cellStarted = true;
            } else if (c == '\n' || c == '\r') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                cellStarted = false;
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                cell.append(c);
                cellStarted = true;
            }
            i++;
        }
        boolean stoppedEarly = i < n;
        if (!stoppedEarly && !truncated && (cellStarted || !row.isEmpty())) {
            row.add(cell.toString());
            rows.add(row);
        }
        // a file ending in a blank line has no empty last row
        while (!rows.isEmpty() && rows.get(rows.size() - 1).size() == 1 && rows.get(rows.size() - 1).get(0).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
        return new Parsed(rows, quoted);
    }
}
