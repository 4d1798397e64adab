package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A place an {@code EVENT} trigger watches for new objects: a prefix of an S3 bucket or a local folder. Both are
 * folders: {@code s3://lake/in} watches the keys under {@code in/}, not {@code inbox/}.
 */
public sealed interface EventLocation {

    /** The location as one canonical URL ending in {@code /}: how the store keys what its watcher has seen. */
    String url();

    /**
     * Whether an object (its URL as {@link #url()} spells it) is an event here: it lies under this location, and no
     * folder or name of its below the location starts with {@code _} or {@code .} — the bookkeeping engines leave
     * beside data ({@code _SUCCESS}, {@code _temporary/}, {@code .part.crc}, files being written under a hidden name),
     * which crawlers skip as well — and it is not an S3 folder marker ({@code x/} or {@code x_$folder$}).
     */
    default boolean watches(String objectUrl) {
        String url = url();
        if (!objectUrl.startsWith(url) || objectUrl.length() == url.length() || objectUrl.endsWith("/")
                || objectUrl.endsWith("_$folder$")) {
            return false;
        }
        for (String segment : objectUrl.substring(url.length()).split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keys under {@code prefix} (empty, or ending in {@code /}) in {@code bucket}.
     */
    record S3Prefix(String bucket, String prefix) implements EventLocation {
        public S3Prefix {
            requireNonNull(bucket, "bucket");
            requireNonNull(prefix, "prefix");
        }

        @Override
        public String url() {
            return objectUrl(bucket, prefix);
        }

        /** An object's URL, as events and this location's {@link #url()} spell it. */
        public static String objectUrl(String bucket, String key) {
            return "s3://" + bucket + "/" + key;
        }
    }

    /** Files below an absolute local folder, at any depth. */
    record LocalFolder(Path folder) implements EventLocation {
        public LocalFolder {
            requireNonNull(folder, "folder");
            if (!folder.isAbsolute()) {
                throw new IllegalArgumentException("Not an absolute folder: " + folder);
            }
        }

        @Override
        public String url() {
            String path = folder.toString();
            return "file://" + (path.endsWith("/") ? path : path + "/");
        }

        /** A local file's URL, as events and this location's {@link #url()} spell it. */
        public static String objectUrl(Path file) {
            return "file://" + file.toAbsolutePath().normalize();
        }
    }
}
