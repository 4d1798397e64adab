package io.mortar.runtime.tagging;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, on the driver, the confirming matches that ran out of their step budget: after every Spark job, each
 * tagging whose guard-trip accumulator grew gets one warning with the new count. Such a match counts as no match,
 * so the rows concerned may lack a tag their rule's regex would have given them, given unlimited time. One
 * listener per SparkContext; accumulators are held weakly, so finished taggings are forgotten.
 */
final class GuardTripLog extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(RegexTagging.class);
    private static final Map<SparkContext, GuardTripLog> LISTENERS = new WeakHashMap<>();

    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();

    private record Watched(WeakReference<LongAccumulator> accumulator, String description, long[] logged) {}

    private GuardTripLog() {}

    /** Watches {@code accumulator} (the guard trips of the tagging {@code description}). */
    static void watch(SparkContext context, LongAccumulator accumulator, String description) {
        GuardTripLog log;
        synchronized (LISTENERS) {
            log = LISTENERS.get(context);
            if (log == null) {
                log = new GuardTripLog();
                context.addSparkListener(log);
                LISTENERS.put(context, log);
            }
        }
        log.watched.put(accumulator.id(), new Watched(new WeakReference<>(accumulator), description, new long[1]));
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        watched.values().removeIf(w -> w.accumulator().get() == null);
        for (Watched w : watched.values()) {
            LongAccumulator accumulator = w.accumulator().get();
            if (accumulator == null) {
                continue;
            }
            long total = accumulator.value();
            synchronized (w.logged()) {
                if (total > w.logged()[0]) {
                    LOG.warn("{}: {} confirming match(es) stopped at the step budget and counted as no match ({} in "
                            + "all so far); a rule's regex backtracks heavily on some texts. Raise guardStepsPerChar"
                            + " or simplify the rule.", w.description(), total - w.logged()[0], total);
                    w.logged()[0] = total;
                }
            }
        }
    }
}
