package io.mortar.tagging.samples;

import io.mortar.tagging.TagRule;
import java.util.List;

/**
 * A seeded source of tagging rules and of the rows they tag, for the benchmarks and tests: {@link SampleTickets}
 * (sparse: a row matches a few rules) or {@link DenseTickets} (dense: a row matches about one rule in twelve).
 * Rules and rows are drawn from one {@link java.util.Random}, so a generator is used by one thread.
 */
public interface TicketGenerator {
    /** The columns every row holds, in order; each rule names some of them. */
    List<String> columns();

    /** {@code count} rules with distinct tags. */
    List<TagRule> rules(int count);

    /** One row: one text of about {@code length} characters per column. */
    String[] row(int length);
}
