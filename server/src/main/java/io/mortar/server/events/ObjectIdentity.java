package io.mortar.server.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An event's id: the same for one version of one object whoever reports it, so that a notification and the watcher
 * listing the object, or a store delivering a notification twice, make one event. An S3 object's version is its
 * ETag (what both a notification and a listing carry); a local file's its modification time and size.
 */
final class ObjectIdentity {
    private ObjectIdentity() {}

    /**
     * @param eTag normalised ({@link S3Notification#normalEtag}); null when the source gave none, when the size
     *     stands in for it (such an event is not matched across sources)
     */
    static String s3Object(String bucket, String key, String eTag, long size) {
        return id("s3", bucket + "/" + key, eTag != null ? "etag:" + eTag : "size:" + size);
    }

    static String localFile(String objectUrl, long modifiedMillis, long size) {
        return id("file", objectUrl, modifiedMillis + ":" + size);
    }

    /** 32 hex digits of SHA-256 over the parts: ids of distinct versions never meet in practice. */
    private static String id(String kind, String object, String version) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((kind + "\n" + object + "\n" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
