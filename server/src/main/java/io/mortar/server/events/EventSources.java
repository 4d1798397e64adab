package io.mortar.server.events;

import io.mortar.model.GlueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which locations an {@code EVENT} trigger watches: its tag {@value #TAG}, whose value is one or more locations
 * separated by spaces, each {@code s3://bucket/prefix} ({@code s3a://} alike) or a local folder
 * ({@code file:///abs/path} or {@code /abs/path}). Glue ties events to a trigger with an EventBridge rule; a tag is
 * what every Glue client can already set (CreateTrigger's {@code Tags}, TagResource).
 */
public final class EventSources {
    /** The trigger tag naming the locations it watches. */
    public static final String TAG = "mortar:events";

    /** S3's bucket naming rules (3 to 63 lower-case letters, digits, dots and hyphens). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private EventSources() {}

    /**
     * The locations a tag value names, each once, in the order given.
     *
     * @throws GlueException InvalidInputException naming the tag and the location at fault
     */
    public static List<EventLocation> parse(String tagValue) {
        if (tagValue == null || tagValue.isBlank()) {
            throw GlueException.invalidInput("Tag %s must name at least one location to watch (s3://bucket/prefix or"
                    + " a local folder), separated by spaces.", TAG);
        }
        Set<EventLocation> locations = new LinkedHashSet<>();
        for (String location : tagValue.strip().split("\\s+")) {
            locations.add(location(location));
        }
        return new ArrayList<>(locations);
    }

    private static EventLocation location(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://") || lower.startsWith("s3a://")) {
            String rest = text.substring(text.indexOf("://") + 3);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (!BUCKET.matcher(bucket).matches()) {
                throw bad(text, "'" + bucket + "' is not an S3 bucket name");
            }
            if (prefix.contains("//")) {
                throw bad(text, "its prefix has an empty folder name");
            }
            return new EventLocation.S3Prefix(bucket, prefix.isEmpty() || prefix.endsWith("/") ? prefix
                    : prefix + "/");
        }
        if (lower.startsWith("file:")) {
            if (!text.startsWith("file:///")) {
                throw bad(text, "a local folder is file:///absolute/path");
            }
            try {
                return local(text, Path.of(new URI(text.replace(" ", "%20"))));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw bad(text, "it is not a file URL");
            }
        }
        if (text.startsWith("/")) {
            return local(text, Path.of(text));
        }
        throw bad(text, "a location is s3://bucket/prefix, file:///absolute/path or /absolute/path");
    }

    private static EventLocation local(String text, Path path) {
        Path normal = path.normalize();
        if (!normal.equals(path)) {
            throw bad(text, "a watched folder is named without . or .. in it");
        }
        return new EventLocation.LocalFolder(normal);
    }

    private static GlueException bad(String location, String why) {
        return GlueException.invalidInput("Tag %s: cannot watch '%s': %s.", TAG, location, why);
    }
}
