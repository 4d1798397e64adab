package io.mortar.it.harness;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the integration-test JVM (the pattern of runtime's {@code SharedSpark}: created on first
 * use, never stopped by a test, it ends with the JVM). {@code s3://} is mapped to S3A and S3A retries are off;
 * which S3 server a bucket lives on is set per bucket with {@link #register}, so each test class can run its own
 * {@link S3ProxyProcess}.
 */
public final class ItSpark {
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static SparkSession session;

    private ItSpark() {}

    public static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("mortar-it")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
                    .config("spark.hadoop.fs.s3a.attempts.maximum", "1")
                    .config("spark.hadoop.fs.s3a.retry.limit", "1")
                    .getOrCreate();
        }
        return session;
    }

    /**
     * Points S3A at {@code s3} for {@code bucket} ({@code s3a://bucket/...} and {@code s3://bucket/...}). Hadoop
     * caches one file system per bucket for the JVM's life, so a bucket name must not be reused for another
     * S3Proxy: {@link #newBucket} makes unique ones.
     */
    public static void register(S3ProxyProcess s3, String bucket) {
        Configuration hadoop = get().sparkContext().hadoopConfiguration();
        s3.s3aSettings(bucket).forEach(hadoop::set);
    }

    /** Creates a bucket named {@code <prefix>-<n>}, unique in this JVM, on {@code s3} and registers it. */
    public static String newBucket(S3ProxyProcess s3, String prefix) {
        String bucket = prefix + "-" + BUCKETS.incrementAndGet();
        s3.createBucket(bucket);
        register(s3, bucket);
        return bucket;
    }
}
