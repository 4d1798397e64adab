package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueJson;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A {@code timestamp} shape. On the JSON 1.1 wire a timestamp is epoch seconds as a JSON number, fraction allowed
 * ({@code 1602730658.123}) within the range the store keeps ({@link GlueJson#isTimestampInRange}). A shape may
 * override that with {@code timestampFormat: iso8601} (Glue's {@code Iso8601DateTime}, used by streaming options),
 * which the SDKs send as an RFC 3339 string with an offset.
 */
final class TimestampValidator implements ShapeValidator {
    static final TimestampValidator EPOCH_SECONDS = new TimestampValidator(false);
    static final TimestampValidator ISO_8601 = new TimestampValidator(true);

    private final boolean iso8601;

    private TimestampValidator(boolean iso8601) {
        this.iso8601 = iso8601;
    }

    static TimestampValidator forFormat(String timestampFormat) {
        if (timestampFormat == null || timestampFormat.equals("unixTimestamp")) {
            return EPOCH_SECONDS;
        }
        if (timestampFormat.equals("iso8601")) {
            return ISO_8601;
        }
        throw new IllegalStateException("unsupported timestampFormat in the service model: " + timestampFormat);
    }

    @Override
    public void validate(JsonNode value, ValidationContext ctx) {
        if (!iso8601) {
            if (!value.isNumber()) {
                throw ctx.typeMismatch("a timestamp (epoch seconds as a number)", value);
            }
            if (!GlueJson.isTimestampInRange(value)) {
                throw ctx.typeMismatch("a timestamp (epoch seconds as a number)",
                        "a number outside the range of timestamps");
            }
            return;
        }
        if (!value.isTextual()) {
            throw ctx.typeMismatch("an ISO-8601 timestamp string", value);
        }
        try {
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(value.textValue());
        } catch (DateTimeParseException e) {
            throw ctx.typeMismatch("an ISO-8601 timestamp string", "a string that is not one");
        }
    }
}
