package io.mortar.server.config;

import static java.util.Objects.requireNonNull;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * What the HTTP edge lets clients ask of the server, so that neither large bodies nor slow or idle connections can
 * exhaust its heap, its threads or its file descriptors.
 *
 * @param maxBodyBytes the largest request body; a larger one is refused with 413 before it is read
 * @param bodyBudgetBytes request bodies held in memory at once, from their first byte until their response is
 *     written; a request that does not fit is refused with ThrottlingException (which the AWS SDKs retry)
 * @param minBodyRate the slowest a body may arrive, in bytes a second (0: no minimum); slower gets 408
 * @param idleTimeout how long a connection may send nothing, between requests or inside one
 * @param maxConnections connections open at once; further clients wait in the listen backlog until one closes
 */
public record RequestLimits(long maxBodyBytes, long bodyBudgetBytes, long minBodyRate, Duration idleTimeout,
                            int maxConnections) {
    /** The largest body Mortar has always accepted (the operations' own limits are far below it). */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;
    /**
     * Parsing a request takes up to about 15 times its size (measured: a 60 MB body of small JSON objects, as a
     * BatchCreatePartition is, becomes 850 MB of JSON tree), so bodies in flight get a twentieth of the heap.
     */
    public static final int HEAP_SHARE_OF_BODIES = 20;
    public static final long DEFAULT_MIN_BODY_RATE = 16 << 10;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** A connection's buffers and state, generously: caps the connections a heap can hold. */
    private static final long HEAP_PER_CONNECTION = 128 << 10;
    /** Java's arrays stop a little short of Integer.MAX_VALUE. */
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    public RequestLimits {
        requireNonNull(idleTimeout, "idleTimeout");
        if (bodyBudgetBytes < 1) {
            throw new ConfigException("mortar.http.body-budget must be at least 1, not " + bodyBudgetBytes);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_ARRAY) {
            throw new ConfigException("mortar.http.max-body-size must be between 1 and " + LARGEST_ARRAY
                    + " bytes, not " + maxBodyBytes);
        }
        if (bodyBudgetBytes < maxBodyBytes) {
            throw new ConfigException("mortar.http.body-budget (" + ByteSize.format(bodyBudgetBytes)
                    + ") must be at least mortar.http.max-body-size (" + ByteSize.format(maxBodyBytes)
                    + "), or a body of the largest size could never be read");
        }
        if (minBodyRate < 0) {
            throw new ConfigException("mortar.http.min-body-rate must not be negative, not " + minBodyRate);
        }
        if (idleTimeout.toMillis() < 1) {
            throw new ConfigException("mortar.http.idle-timeout-seconds must be at least 1, not "
                    + idleTimeout.toSeconds());
        }
        if (maxConnections < 1) {
            throw new ConfigException("mortar.http.max-connections must be at least 1, not " + maxConnections);
        }
    }

    /** The defaults for this JVM: its heap and its file descriptors decide the budget and the connections. */
    public static RequestLimits defaults() {
        long budget = defaultBodyBudget();
        return new RequestLimits(defaultMaxBody(budget), budget, DEFAULT_MIN_BODY_RATE, DEFAULT_IDLE_TIMEOUT,
                defaultMaxConnections());
    }

    public static long defaultBodyBudget() {
        return Runtime.getRuntime().maxMemory() / HEAP_SHARE_OF_BODIES;
    }

    /** 64 MiB, or the whole budget when the heap is too small for that. */
    public static long defaultMaxBody(long budget) {
        return Math.min(DEFAULT_MAX_BODY_BYTES, budget);
    }

    /** Half the process's file descriptors (the rest: store, logs, jars), one per 128 KiB of heap at most. */
    public static int defaultMaxConnections() {
        long descriptors = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 8192;
        long byHeap = Runtime.getRuntime().maxMemory() / HEAP_PER_CONNECTION;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.min(descriptors / 2, byHeap)));
    }
}
