package io.mortar.crawler.format;

import io.mortar.crawler.schema.GlueType;
import java.util.regex.Pattern;

/**
 * Types one text value the way Glue's CSV classifier does: integers are {@code bigint}, decimals {@code double},
 * {@code true}/{@code false} {@code boolean}, anything else {@code string}. With date recognition on (Mortar's
 * default, where Glue leaves them strings), ISO dates are {@code date} and ISO timestamps {@code timestamp}.
 * An empty value says nothing ({@code null}).
 */
public final class ValueTyper {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DATE = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[ T]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?"
                    + "(Z|[+-]\\d{2}:?\\d{2})?");

    private final boolean recognizeDates;

    public ValueTyper(boolean recognizeDates) {
        this.recognizeDates = recognizeDates;
    }

    public GlueType type(String value) {
        if (value.isEmpty()) {
            return null;
        }
        if (INTEGER.matcher(value).matches()) {
            // beyond 19 digits a long cannot hold it; Glue then reads it as a double
            return value.replaceFirst("^[+-]", "").length() <= 18 ? GlueType.BIGINT : GlueType.DOUBLE;
        }
        if (DECIMAL.matcher(value).matches()) {
            return GlueType.DOUBLE;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return GlueType.BOOLEAN;
        }
        if (recognizeDates) {
            if (DATE.matcher(value).matches()) {
                return GlueType.DATE;
            }
            if (TIMESTAMP.matcher(value).matches()) {
                return GlueType.TIMESTAMP;
            }
        }
        return GlueType.STRING;
    }
}
