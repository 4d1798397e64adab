package io.mortar.tagging.samples;

import java.util.List;
import java.util.Locale;

/**
 * The two tagging workloads the benchmarks run: the sparse one the matcher was first tuned for, and the dense one
 * where rule sets are large and every row matches dozens of rules (the worst realistic case).
 */
public enum Workload {
    /** {@link SampleTickets}: rules match a few percent of rows. */
    SPARSE(SampleTickets.COLUMNS),
    /** {@link DenseTickets}: a row matches about one rule in twelve. */
    DENSE(DenseTickets.COLUMNS);

    private final List<String> columns;

    Workload(List<String> columns) {
        this.columns = columns;
    }

    /** The columns of the workload's rows. */
    public List<String> columns() {
        return columns;
    }

    /** A generator of the workload's rules and rows, seeded. */
    public TicketGenerator generator(long seed) {
        return this == SPARSE ? new SampleTickets(seed) : new DenseTickets(seed);
    }

    /** The lower-case name used on command lines ({@code sparse}, {@code dense}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The workload named {@code sparse} or {@code dense} (any case). */
    public static Workload of(String name) {
        for (Workload w : values()) {
            if (w.label().equalsIgnoreCase(name.trim())) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload " + name + ": sparse or dense");
    }
}
