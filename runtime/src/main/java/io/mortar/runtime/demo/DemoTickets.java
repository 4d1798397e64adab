package io.mortar.runtime.demo;

import io.mortar.tagging.TagRule;
import io.mortar.tagging.samples.SampleTickets;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@link GenerateTickets} makes, without Spark: which generator makes a ticket, which day it falls on, and the
 * rule table's CSV. Tickets are made in blocks of {@value #BLOCK} ids, each block by its own {@link SampleTickets}
 * seeded from the run's seed and the block's number, so a ticket depends on the seed and its id only.
 */
public final class DemoTickets {
    /** Ids per generator seed. */
    public static final int BLOCK = 10_000;

    private DemoTickets() {}

    /** The seed of the generator of a block of ids. */
    public static long blockSeed(long seed, long block) {
        return seed * 1_000_003L + block + 1; // + 1: block 0 does not repeat the rules' generator
    }

    /** The rules of a seed: {@code SampleTickets(seed).rules(count)}. */
    public static List<TagRule> rules(long seed, int count) {
        return new SampleTickets(seed).rules(count);
    }

    /** The texts (subject, body, notes) of the ticket with this id. */
    public static String[] ticket(long seed, long id, int textLength) {
        long block = id / BLOCK;
        SampleTickets generator = new SampleTickets(blockSeed(seed, block));
        String[] text = null;
        for (long k = block * BLOCK; k <= id; k++) {
            text = generator.row(textLength);
        }
        return text;
    }

    /** Days in id order: the first rows/days ids on the first day, and so on. */
    public static int dayIndex(long id, long rows, int days) {
        long index = id <= Long.MAX_VALUE / days ? id * days / rows : (long) ((double) id * days / rows);
        return (int) Math.min(days - 1, index);
    }

    /** The day of a ticket, as its {@code day} column holds it ({@code 2025-06-02}). */
    public static String day(long id, long rows, int days, LocalDate firstDay) {
        return firstDay.plusDays(dayIndex(id, rows, days)).toString();
    }

    /**
     * The rule table as CSV with a header, {@code tag,columns,regex,flags}, as {@code TagRules.fromFile} reads it:
     * a value with a comma, quote, line break or edge space quoted, quotes doubled, backslashes as written.
     */
    public static String rulesCsv(List<TagRule> rules) {
        StringBuilder csv = new StringBuilder("tag,columns,regex,flags\n");
        for (TagRule rule : rules) {
            csv.append(csvValue(rule.tag())).append(',')
                    .append(csvValue(String.join(",", rule.columns()))).append(',')
                    .append(csvValue(rule.regex())).append(',')
                    .append(rule.flags() == 0 ? "" : Integer.toString(rule.flags())).append('\n');
        }
        return csv.toString();
    }

    static String csvValue(String value) {
        boolean quote = value.isEmpty() || value.strip().length() != value.length()
                || value.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
