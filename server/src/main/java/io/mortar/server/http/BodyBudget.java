package io.mortar.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the server holds in memory at once ({@code mortar.http.body-budget}): a request
 * reserves its body before reading it and releases it when its response is written, and one that does not fit is
 * refused at once rather than queued, so the heap never holds more bodies than the budget.
 */
final class BodyBudget {
    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    BodyBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** Reserves {@code bytes} if they fit within the budget now; never waits. */
    boolean tryReserve(long bytes) {
        while (true) {
            long current = reserved.get();
            if (bytes > capacity - current) {
                return false;
            }
            if (reserved.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        long left = reserved.addAndGet(-bytes);
        assert left >= 0 : "released more than reserved";
    }

    long capacity() {
        return capacity;
    }

    long reserved() {
        return reserved.get();
    }
}
