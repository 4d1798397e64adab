package io.mortar.tagging.samples;

import io.mortar.tagging.TagRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Realistic tagging rules and support-ticket texts, generated from a seed, for the benchmarks and
 * {@code mortar demo}. Rules are what support, log and
 * commerce rule tables hold: keyword lists with word boundaries, case-insensitive phrase alternations, identifiers
 * with character classes ({@code ORD-\d{6}}), anchored prefixes and suffixes, e-mail and URL shapes, and a few
 * rules without any literal. Texts are three columns of about 100 characters of English-like words in which each
 * rule's words appear now and then, so that rules match a few percent of rows.
 */
public final class SampleTickets implements TicketGenerator {
    public static final List<String> COLUMNS = List.of("subject", "body", "notes");
    private static final String[] COMMON = ("the a to of and in is it for on with as was at by be this have from or "
            + "one had not but all were when we there can an your which their said if do will each about how up "
            + "out them then she many some so these would other into has more her two like him see time could no "
            + "make than first been its who now people my made over did down only way find use may water long "
            + "little very after words called just where most know get through back much before go good new write "
            + "our used me man too any day same right look think also around another came come work three word "
            + "must because does part even place well such here take why things help put years different away").split(" ");

    private final List<String> vocabulary;
    private final Random random;

    public SampleTickets(long seed) {
        this.random = new Random(seed);
        this.vocabulary = new ArrayList<>();
        String[] stems = {"refund", "login", "timeout", "invoice", "crash", "delay", "upgrade", "cancel", "error",
            "payment", "shipping", "password", "account", "discount", "warranty", "battery", "screen", "driver",
            "network", "storage", "license", "export", "import", "sync", "backup", "alert", "outage", "quota"};
        for (int k = 0; k < 3000; k++) {
            String stem = stems[k % stems.length];
            vocabulary.add(k < stems.length ? stem : stem + (char) ('a' + (k / stems.length) % 26)
                    + (k / (stems.length * 26) == 0 ? "" : Integer.toString(k / (stems.length * 26))));
        }
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    /**
     * {@code count} rules, tagged by their kind and number ({@code keywords_0}, {@code phone_39}); each applies to
     * one, two or all three columns.
     */
    @Override
    public List<TagRule> rules(int count) {
        List<TagRule> out = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            // the tag names the rule's kind (the number keeps tags unique): what a rule table's tags say
            String kind;
            String regex;
            switch (r % 20) {
                case 0, 1, 2, 3, 4, 5, 6, 7 -> {
                    kind = "keywords";
                    regex = "\\b(?:" + word() + "|" + word() + "|" + word() + ")\\b";
                }
                case 8, 9, 10, 11 -> {
                    kind = "failure";
                    regex = "(?i)" + word() + " (?:failed|declined|rejected|" + word() + ")";
                }
                case 12, 13 -> {
                    String prefix = prefix();
                    kind = prefix.toLowerCase(Locale.ROOT) + "_ref";
                    regex = prefix + "-\\d{" + (4 + random.nextInt(4)) + "}";
                }
                case 14 -> {
                    kind = "reply";
                    regex = "^(?:RE|FW|" + prefix() + "):";
                }
                case 15 -> {
                    kind = "file_ext";
                    regex = "\\." + word().substring(0, 3) + "$";
                }
                case 16 -> {
                    kind = "email";
                    regex = "[\\w.]+@" + word() + "\\.(?:com|org|net)";
                }
                case 17 -> {
                    kind = "url";
                    regex = "https?://[\\w.]+/" + word();
                }
                case 18 -> {
                    kind = "word";
                    regex = "(?i)\\b" + word() + "s?\\b";
                }
                default -> {
                    boolean code = random.nextBoolean();
                    kind = code ? "code" : "phone";
                    regex = code ? "\\b[A-Z]{4,}\\d{2}\\b" : "\\b\\d{3}-\\d{3}-\\d{4}\\b";
                }
            }
            List<String> columns = switch (r % 3) {
                case 0 -> COLUMNS;
                case 1 -> List.of("subject", "body");
                default -> List.of("body");
            };
            out.add(new TagRule(kind + "_" + r, columns, regex));
        }
        return out;
    }

    private String word() {
        return vocabulary.get(random.nextInt(vocabulary.size()));
    }

    private String prefix() {
        return new String[] {"ORD", "INV", "TKT", "SKU", "PO", "CASE"}[random.nextInt(6)];
    }

    /** One row: three texts of about {@code length} characters each. */
    @Override
    public String[] row(int length) {
        String[] out = new String[COLUMNS.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = text(length);
        }
        return out;
    }

    private String text(int length) {
        StringBuilder sb = new StringBuilder(length + 20);
        while (sb.length() < length) {
            int pick = random.nextInt(100);
            if (pick < 6) {
                sb.append(word());
            } else if (pick < 8) {
                sb.append(prefix()).append('-').append(100000 + random.nextInt(900000));
            } else if (pick < 9) {
                sb.append(random.nextInt(1000)).append('-').append(random.nextInt(1000)).append('-')
                        .append(1000 + random.nextInt(9000));
            } else {
                String w = COMMON[random.nextInt(COMMON.length)];
                sb.append(pick < 14 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            }
            sb.append(pick % 17 == 0 ? ", " : " ");
        }
        return sb.toString();
    }
}
