package io.mortar.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Where a job's script lives (a local path, {@code file://}, {@code s3://} or {@code s3a://}), and its kind. */
public record ScriptLocation(String location) {
    public enum Kind { JAVA, SQL, PIPELINE }

    public Kind kind(boolean hasClass) {
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".sql")) {
            return Kind.SQL;
        }
        if (lower.endsWith(".json")) {
            return Kind.PIPELINE;
        }
        if (lower.endsWith(".jar") || hasClass) {
            return Kind.JAVA;
        }
        throw new IllegalArgumentException("Cannot tell the kind of script at ScriptLocation '" + location
                + "': expected a .jar (with --class), a .sql script or a .json pipeline");
    }

    /** Reads the script through Hadoop's file systems, so S3 locations work like local ones. */
    public String read(Configuration hadoop) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            try (InputStream in = fs.open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job script at " + location + ": " + e.getMessage(), e);
        }
    }
}
