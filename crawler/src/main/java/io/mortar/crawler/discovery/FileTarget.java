package io.mortar.crawler.discovery;

import static java.util.Objects.requireNonNull;

import io.mortar.model.glob.GlueGlob;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * An include path to crawl (a Glue {@code S3Target}, or a local folder).
 *
 * @param location the include path as tables' locations should name it ({@code s3://bucket/sales/},
 *     {@code file:///data/sales/})
 * @param readPath the same place as the file system reads it ({@code s3a://bucket/sales/})
 * @param exclusions Glue exclusion globs, relative to the include path
 * @param sampleSize files read per leaf folder (Glue's {@code SampleSize}); null reads every file
 */
public record FileTarget(String location, Path readPath, List<GlueGlob> exclusions, Integer sampleSize) {
    public FileTarget {
        requireNonNull(location, "location");
        requireNonNull(readPath, "readPath");
        exclusions = List.copyOf(exclusions);
    }

    /** How many folders the include path lies below its bucket (or the file system's root): Glue's table level. */
    public int depth() {
        return segments().size();
    }

    /** The include path's own name: its last folder, or the bucket's name for a whole bucket. */
    String name() {
        List<String> segments = segments();
        if (!segments.isEmpty()) {
            return segments.get(segments.size() - 1);
        }
        int scheme = location.indexOf("://");
        if (scheme < 0) {
            return "root";
        }
        String rest = location.substring(scheme + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        return authority.isEmpty() ? "root" : authority;
    }

    /** The location's path below its bucket or root, by segment (read as text: keys may hold any character). */
    private List<String> segments() {
        String path;
        int scheme = location.indexOf("://");
        if (scheme >= 0) {
            int slash = location.indexOf('/', scheme + 3);
            path = slash < 0 ? "" : location.substring(slash);
        } else {
            int colon = location.indexOf(':');
            path = colon >= 0 && colon < location.indexOf('/') ? location.substring(colon + 1) : location;
        }
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
