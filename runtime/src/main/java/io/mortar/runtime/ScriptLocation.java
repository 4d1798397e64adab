package io.mortar.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Where a job's script lives (a local path, {@code file://}, {@code s3://} or {@code s3a://}), and its kind. */
public record ScriptLocation(String location) {
    public enum Kind {
        JAVA, SQL, PIPELINE, PYTHON, SCALA;

        /**
         * Whether the script makes its own SparkContext, as Glue's scripts do ({@code sc = SparkContext()},
         * {@code new SparkContext()} in a GlueApp): then the driver must not have made one first. Mortar's own kinds
         * are handed a session; a Java class with a {@code main} (Glue's contract for Java and Scala) makes its own.
         */
        public boolean scriptMakesSession() {
            return this == PYTHON || this == SCALA;
        }
    }

    /**
     * The kind of script: {@code --job-language scala} makes any file a Scala script (Glue takes a Scala job's
     * script by that argument, whatever its name); otherwise the name decides.
     */
    public Kind kind(boolean hasClass, String jobLanguage) {
        if (jobLanguage != null && jobLanguage.trim().equalsIgnoreCase("scala")) {
            return Kind.SCALA;
        }
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".py")) {
            return Kind.PYTHON;
        }
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
                + "': expected a .py script, a Scala script (with --job-language scala), a .jar (with --class),"
                + " a .sql script or a .json pipeline");
    }

    /** The script's file name: what Glue's Python errors and Scala compilations name it by. */
    public String fileName() {
        String trimmed = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /**
     * A local copy of the script in {@code dir} (an interpreter needs a file): a local path is used where it is,
     * anything else is copied through Hadoop's file systems.
     */
    public java.nio.file.Path localCopy(java.nio.file.Path dir, Configuration hadoop) {
        Path path = new Path(location);
        String scheme = path.toUri().getScheme();
        if (scheme == null || scheme.equals("file")) {
            return java.nio.file.Path.of(path.toUri().getPath());
        }
        java.nio.file.Path copy = dir.resolve(fileName());
        try {
            Files.createDirectories(dir);
            FileSystem fs = path.getFileSystem(hadoop);
            try (InputStream in = fs.open(path)) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the job script at " + location + ": " + e.getMessage(), e);
        }
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
