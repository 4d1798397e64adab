package io.mortar.server.events;

import io.mortar.server.config.HadoopConfigurations;
import io.mortar.server.config.S3Config;
import io.mortar.store.events.ObjectEvent;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists what is under a watched location, as events: an S3 prefix through Hadoop's S3A with the server's S3 settings
 * (as crawls reach S3), in flat LIST requests, each object with its ETag; a local folder with {@code java.nio},
 * recursively, each file with its modification time and size. What {@link EventLocation#watches} leaves out, and
 * empty objects, are not listed. A location that does not exist (yet) lists nothing.
 */
final class StorageObjects implements AutoCloseable {
    private final S3Config s3;
    /** One S3A file system per bucket, kept while the intake runs (each holds a connection pool). */
    private final Map<String, FileSystem> buckets = new ConcurrentHashMap<>();

    StorageObjects(S3Config s3) {
        this.s3 = s3;
    }

    /** Every object under the place now that would be an event there. */
    List<ObjectEvent> list(EventLocation location) throws IOException {
        if (location instanceof EventLocation.LocalFolder local) {
            return listLocal(local);
        }
        return listS3((EventLocation.S3Prefix) location);
    }

    private static List<ObjectEvent> listLocal(EventLocation.LocalFolder location) throws IOException {
        List<ObjectEvent> out = new ArrayList<>();
        if (!Files.isDirectory(location.folder())) {
            return out;
        }
        Files.walkFileTree(location.folder(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return dir.equals(location.folder()) || !(name.startsWith("_") || name.startsWith("."))
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String url = EventLocation.LocalFolder.objectUrl(file);
                if (attrs.isRegularFile() && attrs.size() > 0 && location.watches(url)) {
                    long modified = attrs.lastModifiedTime().toMillis();
                    out.add(new ObjectEvent(ObjectIdentity.localFile(url, modified, attrs.size()), url, attrs.size(),
                            Instant.ofEpochMilli(modified)));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // gone while listed (moved on by its writer): not new data
                }
                throw e;
            }
        });
        return out;
    }

    private List<ObjectEvent> listS3(EventLocation.S3Prefix location) throws IOException {
        FileSystem fs = bucket(location.bucket());
        List<ObjectEvent> out = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> files;
        try {
            files = fs.listFiles(new org.apache.hadoop.fs.Path("s3a://" + location.bucket() + "/"
                    + location.prefix()), true);
        } catch (FileNotFoundException e) {
            return out;
        }
        while (files.hasNext()) {
            LocatedFileStatus status = files.next();
            String key = status.getPath().toUri().getPath().substring(1);
            String url = EventLocation.S3Prefix.objectUrl(location.bucket(), key);
            if (!status.isFile() || status.getLen() == 0 || !location.watches(url)) {
                continue;
            }
            String eTag = status instanceof EtagSource source ? S3Notification.normalEtag(source.getEtag()) : null;
            out.add(new ObjectEvent(ObjectIdentity.s3Object(location.bucket(), key, eTag, status.getLen()), url,
                    status.getLen(), Instant.ofEpochMilli(status.getModificationTime())));
        }
        return out;
    }

    private FileSystem bucket(String bucket) throws IOException {
        FileSystem fs = buckets.get(bucket);
        if (fs == null) {
            fs = FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), HadoopConfigurations.forServer(s3));
            FileSystem raced = buckets.putIfAbsent(bucket, fs);
            if (raced != null) {
                fs.close();
                fs = raced;
            }
        }
        return fs;
    }

    @Override
    public void close() {
        for (FileSystem fs : buckets.values()) {
            try {
                fs.close();
            } catch (IOException e) {
                // closing its connection pool on the way out: nothing left to do about it
            }
        }
        buckets.clear();
    }
}
