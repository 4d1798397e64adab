package io.mortar.crawler.discovery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a running crawl has got, read by other threads while it runs (the CLI's progress line): the phase, files
 * listed, files to read and read so far, bytes read, tables found and catalog changes applied.
 */
public final class CrawlProgress {
    /** What a crawl is doing. */
    public enum Phase { STARTING, LISTING, READING, PLANNING, WRITING, DONE }

    private volatile Phase phase = Phase.STARTING;
    private long phaseStarted = System.nanoTime();
    private final java.util.EnumMap<Phase, Long> phaseNanos = new java.util.EnumMap<>(Phase.class);
    private final AtomicLong filesListed = new AtomicLong();
    private final AtomicLong filesToRead = new AtomicLong();
    private final AtomicLong filesRead = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong tablesFound = new AtomicLong();
    private final AtomicLong changesApplied = new AtomicLong();

    /** Moves to the next phase; the time spent in the one before is added to its account. */
    public synchronized void phase(Phase next) {
        long now = System.nanoTime();
        phaseNanos.merge(phase, now - phaseStarted, Long::sum);
        phaseStarted = now;
        phase = next;
    }

    /** Milliseconds spent in each phase so far (the current one up to now), in phase order. */
    public synchronized java.util.Map<Phase, Long> phaseMillis() {
        java.util.EnumMap<Phase, Long> out = new java.util.EnumMap<>(Phase.class);
        phaseNanos.forEach((p, nanos) -> out.put(p, nanos / 1_000_000));
        out.merge(phase, (System.nanoTime() - phaseStarted) / 1_000_000, Long::sum);
        return out;
    }

    public Phase phase() {
        return phase;
    }

    public void listed(long files) {
        filesListed.addAndGet(files);
    }

    public void toRead(long files) {
        filesToRead.addAndGet(files);
    }

    public void read(long bytes) {
        filesRead.incrementAndGet();
        bytesRead.addAndGet(bytes);
    }

    public void tablesFound(long tables) {
        tablesFound.addAndGet(tables);
    }

    public void applied() {
        changesApplied.incrementAndGet();
    }

    public long filesListed() {
        return filesListed.get();
    }

    public long filesToRead() {
        return filesToRead.get();
    }

    public long filesRead() {
        return filesRead.get();
    }

    public long bytesRead() {
        return bytesRead.get();
    }

    public long tablesFound() {
        return tablesFound.get();
    }

    public long changesApplied() {
        return changesApplied.get();
    }
}
