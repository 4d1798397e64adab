package io.mortar.crawler.discovery;

import java.util.Locale;

/** Table names as Glue's crawler derives them from a folder or file name: lower case, non-alphanumerics as {@code _}. */
public final class TableNames {
    private TableNames() {}

    public static String fromName(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char ch : name.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append(ch < 128 && Character.isLetterOrDigit(ch) ? ch : '_');
        }
        return out.isEmpty() ? "_" : out.toString();
    }
}
