package io.mortar.tagging.samples;

import io.mortar.tagging.TagRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The dense tagging workload, generated from a seed: large rule tables over a small vocabulary, so that every row
 * matches dozens of rules (about one rule in twelve: 8 at R = 100, 80 at R = 1,000). Where {@link SampleTickets}
 * draws its keywords from thousands of words that rows rarely hold, here rules and rows share a few hundred
 * product, complaint and technology words, grouped in families of synonyms, and rows are full of the shapes the
 * rules look for. That is what product-feedback, support-routing and data-loss-prevention rule tables look like.
 *
 * <p>Rules, in the proportions of a rule table (one kind per rule number modulo 20):
 * <ul>
 *   <li>keyword alternations with word boundaries and an optional plural: {@code \b(?:screen|display)s?\b};
 *   <li>case-insensitive alternations: {@code (?i)\b(?:slow|laggy|sluggish)\b};
 *   <li>a word followed by a number with an optional unit: {@code (?i)\bbattery[\s:=#]*\d+(?:[.,]\d+)?\s?(?:%|mah)?};
 *   <li>two words joined by {@code [\s-]+}: {@code (?i)\btouch[\s-]+screens?\b};
 *   <li>an alternation followed within two words by another:
 *       {@code (?i)\b(?:screen|display)s?\W+(?:\w+\W+){0,2}?(?:cracked|broken)\b};
 *   <li>words anchored at the start: {@code (?i)^(?:re|fwd?):\s*(?:refund|invoice)};
 *   <li>shapes: e-mail addresses, phone numbers, card numbers, IPv4 addresses, UUIDs, dates, IBANs, URLs and file
 *       extensions, each in variants narrowed by a domain, an area code, a card's first digits, a subnet, a
 *       country or a word, as rule tables narrow them.
 * </ul>
 *
 * <p>Rows have three columns of about 100 characters: a {@code title} (often a reply or forward, or a bracketed
 * priority), a {@code body} of words, sentences ("the screen keeps flickering"), measures ("battery 12%"), compound
 * words and shapes, and a {@code url}. Vocabulary and shape parameters are fixed; only the choices depend on the
 * seed, so rows made by one seed are matched by the rules made by another.
 */
public final class DenseTickets implements TicketGenerator {
    public static final List<String> COLUMNS = List.of("title", "body", "url");

    /** Products: nouns, written singular or plural. */
    static final String[][] PRODUCTS = families(
            "screen display monitor panel touchscreen bezel",
            "battery charger adapter cable plug socket",
            "speaker headset headphone earbud microphone amplifier",
            "keyboard mouse trackpad stylus button knob",
            "disk drive ssd partition volume folder",
            "router modem antenna hotspot repeater gateway",
            "printer scanner cartridge toner tray label",
            "phone handset tablet smartwatch sim case",
            "laptop desktop notebook workstation chromebook server",
            "camera lens webcam tripod sensor flash",
            "thermostat doorbell bulb vacuum fridge kettle",
            "account profile subscription membership license wallet",
            "invoice receipt payment refund charge coupon",
            "package parcel shipment delivery courier tracking",
            "order cart checkout basket item bundle",
            "app update firmware driver plugin extension",
            "password token certificate key badge lock",
            "video photo playlist podcast stream album",
            "email message notification inbox attachment chat",
            "scooter bike helmet tire pedal brake",
            "chair desk shelf drawer mattress lamp",
            "blender toaster oven microwave dishwasher grinder");
    /** Complaints: adjectives and verbs, some of two words. */
    static final String[][] COMPLAINTS = families(
            "broken cracked shattered damaged dented bent",
            "dead drained unresponsive frozen stuck hung",
            "slow sluggish laggy lagging delayed late",
            "failed failing declined rejected denied refused",
            "error exception fault failure bug glitch",
            "missing lost gone disappeared vanished absent",
            "wrong incorrect invalid mismatched duplicate outdated",
            "noisy buzzing rattling squeaking humming clicking",
            "overheating hot burning smoking melted sparking",
            "leaking dripping wet flooded corroded rusty",
            "overcharged double_charged billed fee surcharge penalty",
            "cancel cancelled cancellation terminate unsubscribe close",
            "return returned exchange replacement warranty rma",
            "disconnected dropping offline unreachable timeout unstable",
            "flickering blurry dim pixelated distorted blank",
            "locked blocked suspended expired unauthorized forbidden",
            "urgent asap immediately escalate critical emergency",
            "terrible awful unacceptable disappointed frustrated furious");
    /** Technologies: names of systems, formats and ports. */
    static final String[][] TECHNOLOGIES = families(
            "android ios windows macos linux chromeos",
            "chrome firefox safari edge opera brave",
            "bluetooth wifi nfc lte 5g zigbee",
            "aws azure gcp s3 lambda kubernetes",
            "http https smtp imap vpn dns",
            "postgres mysql oracle mongodb redis sqlite",
            "java python javascript golang rust kotlin",
            "api sdk webhook endpoint oauth saml",
            "csv json xml parquet excel pdf",
            "usb hdmi thunderbolt displayport ethernet lightning",
            "visa mastercard paypal stripe applepay klarna",
            "ipad iphone pixel galaxy surface kindle",
            "cpu gpu ram bios kernel cache",
            "2fa mfa sso otp captcha biometric");
    /** Words that take a number, and their units (a regex alternation, empty for none). */
    private static final String[][] MEASURES = {
        {"battery", "%|mah"}, {"storage", "gb|tb|mb"}, {"memory", "gb|mb"}, {"version", ""},
        {"timeout", "ms|s|sec"}, {"temperature", "c|f|degrees"}, {"speed", "mbps|kbps|gbps"},
        {"weight", "kg|lbs?|g"}, {"price", "usd|eur|gbp"}, {"refund", "usd|eur|gbp"}, {"order", ""},
        {"size", "inch|in|cm|mm"}, {"latency", "ms|s"}, {"volume", "db|%"}, {"power", "w|watts?|kw"},
        {"distance", "km|mi|miles?"}, {"disk", "gb|tb"}, {"download", "mb|gb|kb"}, {"upload", "mb|gb|kb"},
        {"error", ""}, {"code", ""}, {"ticket", ""}, {"invoice", ""}, {"cpu", "%|ghz"}, {"fan", "rpm|%"},
        {"brightness", "%|nits"}, {"charge", "%|w"}, {"delay", "ms|s|days?|hours?"},
        {"wait", "minutes?|hours?|days?"}, {"screen", "inch|in|hz"}};
    private static final String[] DOMAINS = {"acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne",
        "wonka", "tyrell", "cyberdyne", "soylent", "oscorp", "vandelay", "dunder", "aperture", "contoso",
        "fabrikam", "northwind", "massive", "piedpiper"};
    private static final String[] TLDS = {"com", "io", "net", "org", "de", "co.uk"};
    private static final String[] AREA_CODES = {"212", "213", "305", "312", "415", "503", "512", "602", "617",
        "646", "702", "713", "718", "801", "818", "917", "206", "303", "404", "408"};
    private static final String[] CARD_PREFIXES = {"4111", "4012", "4532", "4916", "4485", "5105", "5200", "5425",
        "5555", "2221", "3782", "3714", "6011", "6221", "3530", "3566"};
    private static final String[] IBAN_COUNTRIES = {"DE", "FR", "GB", "NL", "ES", "IT", "BE", "AT", "CH", "IE",
        "PL", "SE", "DK", "FI", "PT", "LU"};
    private static final String[] EXTENSIONS = {"pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "log", "zip",
        "jpg", "jpeg", "png", "gif", "mp4", "mov", "json", "xml", "exe", "dmg", "apk"};
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};
    private static final String[] COMMON = ("the a to of and in is it for on with as was at by be this have from or "
            + "my our your we i you they after before when since still again now not no just very keeps stopped "
            + "started cannot can't won't doesn't please help need want got get since today yesterday").split(" ");
    private static final String[] MAILBOXES = {"john.doe", "jane", "support", "billing", "m.smith+orders", "admin",
        "noreply"};
    private static final String[] QUERY_KEYS = {"id", "ref", "session", "token", "utm_source", "lang", "page"};
    private static final String[] HOSTS = {"support", "help", "shop", "www", "app", "status", "portal", "api"};
    /** Word pairs that rows write joined by a space or a hyphen, and that pair rules look for. */
    private static final String[][] COMPOUNDS = compounds();

    private final Random random;

    public DenseTickets(long seed) {
        this.random = new Random(seed);
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    /** {@code count} rules, tagged by their kind and number ({@code keywords_0}, {@code iban_38}). */
    @Override
    public List<TagRule> rules(int count) {
        List<TagRule> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            out.add(rule(r));
        }
        return out;
    }

    private TagRule rule(int r) {
        List<String> text = random.nextInt(4) == 0 ? COLUMNS : List.of("title", "body");
        return switch (r % 20) {
            case 0, 1, 2, 3 -> new TagRule("keywords_" + r, text,
                    "\\b(?:" + String.join("|", some(family(random.nextBoolean() ? PRODUCTS : TECHNOLOGIES), 2, 4))
                            + ")s?\\b");
            case 4, 5, 6 -> new TagRule("phrases_" + r, text,
                    "(?i)\\b(?:" + String.join("|", some(family(random.nextBoolean() ? COMPLAINTS : TECHNOLOGIES),
                            2, 4)) + ")\\b");
            case 7, 8 -> {
                String[] measure = MEASURES[random.nextInt(MEASURES.length)];
                yield new TagRule(measure[0] + "_value_" + r, text, "(?i)\\b" + measure[0]
                        + "s?(?:\\s+(?:at|of|is|to))?[\\s:=#]*\\d+(?:[.,]\\d+)?"
                        + (measure[1].isEmpty() ? "" : "\\s?(?:" + measure[1] + ")?"));
            }
            case 9, 10 -> {
                String[] pair = COMPOUNDS[random.nextInt(COMPOUNDS.length)];
                yield new TagRule("compound_" + r, text, "(?i)\\b" + pair[0] + "[\\s-]+" + pair[1] + "s?\\b");
            }
            case 11, 12 -> {
                int product = random.nextInt(PRODUCTS.length);
                yield new TagRule("near_" + r, text, "(?i)\\b(?:" + String.join("|", some(PRODUCTS[product], 2, 5))
                        + ")s?\\W+(?:\\w+\\W+){0,2}?(?:" + String.join("|", some(complaintsOf(product), 2, 4))
                        + ")\\b");
            }
            case 13 -> anchored(r);
            case 14 -> new TagRule("email_" + r, List.of("body"), email());
            case 15 -> random.nextBoolean() ? new TagRule("phone_" + r, List.of("title", "body"), phone())
                    : new TagRule("card_" + r, List.of("body"), card());
            case 16 -> random.nextBoolean() ? new TagRule("ip_" + r, COLUMNS, ip())
                    : new TagRule("uuid_" + r, List.of("body", "url"), uuid());
            case 17 -> random.nextBoolean() ? new TagRule("date_" + r, List.of("title", "body"), date())
                    : new TagRule("iban_" + r, List.of("body"), iban());
            case 18 -> new TagRule("url_" + r, random.nextBoolean() ? List.of("url") : List.of("body", "url"), url());
            default -> new TagRule("file_" + r, List.of("body", "url"), file());
        };
    }

    private TagRule anchored(int r) {
        return switch (random.nextInt(3)) {
            case 0 -> new TagRule("reply_" + r, List.of("title"),
                    "(?i)^(?:re|fwd?):\\s*(?:" + String.join("|", some(family(PRODUCTS), 2, 4)) + ")");
            case 1 -> new TagRule("priority_" + r, List.of("title"),
                    "^\\[(?:" + String.join("|", some(COMPLAINTS[16], 2, 3)).toUpperCase(Locale.ROOT) + ")\\]");
            default -> new TagRule("starts_" + r, List.of("title", "body"),
                    "(?i)^(?:" + String.join("|", some(family(PRODUCTS), 2, 4)) + ")s?\\b");
        };
    }

    private String email() {
        return switch (random.nextInt(4)) {
            case 0 -> "(?i)\\b[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}\\b";
            case 1 -> "\\b[\\w.+-]+@(?:" + String.join("|", some(DOMAINS, 1, 3)) + ")\\.(?:com|io|net|org)\\b";
            case 2 -> "(?i)\\b(?:" + String.join("|", some(family(PRODUCTS), 1, 3)) + ")[\\w.+-]*@[\\w-]+\\.\\w+";
            default -> "\\b[\\w.+-]+@[\\w-]+\\.(?:" + String.join("|", some(TLDS, 1, 2)).replace(".", "\\.") + ")\\b";
        };
    }

    private String phone() {
        return switch (random.nextInt(4)) {
            case 0 -> "\\b\\d{3}[\\s.-]\\d{3}[\\s.-]\\d{4}\\b";
            case 1 -> "\\(?\\b(?:" + String.join("|", some(AREA_CODES, 1, 3)) + ")\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{4}\\b";
            case 2 -> "\\+1[\\s.-]?\\(?\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{4}\\b";
            default -> "\\+(?:44|49|33|31)[\\s\\d]{9,13}\\d";
        };
    }

    private String card() {
        return switch (random.nextInt(3)) {
            case 0 -> "\\b(?:\\d{4}[\\s-]?){3}\\d{4}\\b";
            case 1 -> "\\b(?:" + String.join("|", some(CARD_PREFIXES, 1, 3)) + ")[\\s-]?\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}\\b";
            default -> "\\b(?:4\\d{3}|5[1-5]\\d{2}|222[1-9])(?:[\\s-]?\\d{4}){3}\\b";
        };
    }

    private String ip() {
        return switch (random.nextInt(4)) {
            case 0 -> "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b";
            case 1 -> "\\b(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}\\b";
            case 2 -> "\\b10\\.(?:" + random.nextInt(8) + "|" + (8 + random.nextInt(8)) + ")\\.\\d{1,3}\\.\\d{1,3}\\b";
            default -> "\\b(?:192\\.168|172\\.(?:1[6-9]|2\\d|3[01]))\\.\\d{1,3}\\.\\d{1,3}(?::\\d{2,5})?\\b";
        };
    }

    private String uuid() {
        return switch (random.nextInt(3)) {
            case 0 -> "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b";
            case 1 -> "(?i)\\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\\b";
            default -> "\\b[0-9a-f]{8}-[0-9a-f]{4}-" + (1 + random.nextInt(7)) + "[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\\b";
        };
    }

    private String date() {
        return switch (random.nextInt(4)) {
            case 0 -> "\\b\\d{4}-\\d{2}-\\d{2}\\b";
            case 1 -> "\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b";
            case 2 -> "\\b202" + random.nextInt(10) + "-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])\\b";
            default -> "(?i)\\b(?:" + String.join("|", some(MONTHS, 2, 4)) + ")[a-z]*\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?"
                    + "\\s+\\d{4}\\b";
        };
    }

    private String iban() {
        return random.nextInt(3) == 0 ? "\\b[A-Z]{2}\\d{2}(?:\\s?[A-Z0-9]{4}){3,7}(?:\\s?[A-Z0-9]{1,3})?\\b"
                : "\\b(?:" + String.join("|", some(IBAN_COUNTRIES, 1, 3)) + ")\\d{2}(?:\\s?[A-Z0-9]{4}){3,7}"
                        + "(?:\\s?[A-Z0-9]{1,3})?\\b";
    }

    private String url() {
        return switch (random.nextInt(3)) {
            case 0 -> "https?://(?:[\\w-]+\\.)*(?:" + String.join("|", some(DOMAINS, 1, 3)) + ")\\.\\w+";
            case 1 -> "(?i)https?://[\\w.-]+/(?:[\\w-]+/)*?(?:" + String.join("|", some(family(PRODUCTS), 1, 3))
                    + ")s?\\b";
            default -> "https?://[^/\\s]+/[^\\s?]*\\?(?:[\\w%-]+=[\\w%.-]*&)*(?:"
                    + String.join("|", some(QUERY_KEYS, 1, 2)) + ")=";
        };
    }

    private String file() {
        return random.nextBoolean()
                ? "(?i)\\.(?:" + String.join("|", some(EXTENSIONS, 1, 3)) + ")\\b"
                : "(?i)\\b(?:" + String.join("|", some(family(PRODUCTS), 1, 3)) + ")[\\w-]*\\.(?:"
                        + String.join("|", some(EXTENSIONS, 2, 4)) + ")$";
    }

    /** One row of three texts; the url column is a URL of about {@code length} characters. */
    @Override
    public String[] row(int length) {
        return new String[] {title(length), text(length), urlText(length)};
    }

    private String title(int length) {
        StringBuilder sb = new StringBuilder(length + 40);
        int pick = random.nextInt(10);
        if (pick < 2) {
            sb.append(random.nextBoolean() ? "Re: " : "RE: ");
        } else if (pick < 3) {
            sb.append(random.nextBoolean() ? "Fwd: " : "FW: ");
        } else if (pick < 4) {
            sb.append('[').append(pickOf(COMPLAINTS[16]).toUpperCase(Locale.ROOT)).append("] ");
        }
        sb.append(cased(noun(family(PRODUCTS)), 1)).append(' ');
        appendChunks(sb, length);
        return sb.toString().trim();
    }

    private String text(int length) {
        StringBuilder sb = new StringBuilder(length + 40);
        appendChunks(sb, length);
        return sb.toString().trim();
    }

    private void appendChunks(StringBuilder sb, int length) {
        while (sb.length() < length) {
            int pick = random.nextInt(100);
            if (pick < 38) {
                sb.append(pickOf(COMMON));
            } else if (pick < 58) {
                int kind = random.nextInt(3);
                String w = kind == 0 ? noun(family(PRODUCTS)) : pickOf(family(kind == 1 ? COMPLAINTS : TECHNOLOGIES));
                sb.append(cased(w, random.nextInt(10)));
            } else if (pick < 68) { // a product and a complaint, a word or two apart
                int product = random.nextInt(PRODUCTS.length);
                sb.append(cased(noun(PRODUCTS[product]), random.nextInt(10)));
                for (int k = random.nextInt(3); k > 0; k--) {
                    sb.append(' ').append(pickOf(COMMON));
                }
                sb.append(' ').append(cased(pickOf(complaintsOf(product)), random.nextInt(10)));
            } else if (pick < 75) {
                appendMeasure(sb);
            } else if (pick < 82) {
                String[] pair = COMPOUNDS[random.nextInt(COMPOUNDS.length)];
                sb.append(cased(pair[0], random.nextInt(10))).append(random.nextBoolean() ? " " : "-")
                        .append(pair[1]).append(random.nextInt(4) == 0 ? "s" : "");
            } else {
                appendShape(sb);
            }
            sb.append(random.nextInt(12) == 0 ? ". " : random.nextInt(12) == 0 ? ", " : " ");
        }
    }

    private void appendMeasure(StringBuilder sb) {
        String[] measure = MEASURES[random.nextInt(MEASURES.length)];
        sb.append(cased(measure[0], random.nextInt(10)));
        sb.append(switch (random.nextInt(4)) {
            case 0 -> " at ";
            case 1 -> ": ";
            case 2 -> " #";
            default -> " ";
        });
        sb.append(random.nextInt(random.nextBoolean() ? 100 : 100_000));
        if (random.nextInt(3) == 0) {
            sb.append('.').append(random.nextInt(10));
        }
        if (!measure[1].isEmpty() && random.nextInt(4) != 0) {
            String[] units = measure[1].replace("?", "").split("\\|");
            sb.append(random.nextBoolean() ? " " : "").append(units[random.nextInt(units.length)]);
        }
    }

    private void appendShape(StringBuilder sb) {
        switch (random.nextInt(10)) {
            case 0 -> sb.append(random.nextBoolean() ? pickOf(MAILBOXES) : noun(family(PRODUCTS)))
                    .append(random.nextInt(3) == 0 ? Integer.toString(random.nextInt(100)) : "").append('@').append(pickOf(DOMAINS)).append('.').append(pickOf(TLDS));
            case 1 -> {
                String area = random.nextBoolean() ? pickOf(AREA_CODES) : Integer.toString(200 + random.nextInt(800));
                String sep = new String[] {"-", ".", " "}[random.nextInt(3)];
                sb.append(random.nextInt(4) == 0 ? "+1 " : "").append(random.nextInt(3) == 0 ? "(" + area + ") " : area + sep)
                        .append(100 + random.nextInt(900)).append(sep).append(1000 + random.nextInt(9000));
            }
            case 2 -> {
                String sep = random.nextBoolean() ? " " : random.nextBoolean() ? "-" : "";
                sb.append(pickOf(CARD_PREFIXES));
                for (int k = 0; k < 3; k++) {
                    sb.append(sep).append(1000 + random.nextInt(9000));
                }
            }
            case 3 -> sb.append(switch (random.nextInt(3)) {
                case 0 -> "10." + random.nextInt(16);
                case 1 -> "192.168";
                default -> random.nextInt(256) + "." + random.nextInt(256);
            }).append('.').append(random.nextInt(256)).append('.').append(random.nextInt(256))
                    .append(random.nextInt(4) == 0 ? ":" + (1024 + random.nextInt(60000)) : "");
            case 4 -> sb.append(hex(8)).append('-').append(hex(4)).append('-').append(1 + random.nextInt(7))
                    .append(hex(3)).append('-').append("89ab".charAt(random.nextInt(4))).append(hex(3)).append('-')
                    .append(hex(12));
            case 5 -> {
                int year = 2020 + random.nextInt(8);
                int month = 1 + random.nextInt(12);
                int day = 1 + random.nextInt(28);
                sb.append(switch (random.nextInt(3)) {
                    case 0 -> String.format(Locale.ROOT, "%d-%02d-%02d", year, month, day);
                    case 1 -> month + "/" + day + "/" + year;
                    default -> Character.toUpperCase(MONTHS[month - 1].charAt(0)) + MONTHS[month - 1].substring(1)
                            + " " + day + ", " + year;
                });
            }
            case 6 -> {
                sb.append(pickOf(IBAN_COUNTRIES)).append(10 + random.nextInt(90));
                int groups = 4 + random.nextInt(3);
                for (int k = 0; k < groups; k++) {
                    sb.append(random.nextBoolean() ? " " : "");
                    for (int j = 0; j < 4; j++) {
                        sb.append(random.nextInt(5) == 0 ? (char) ('A' + random.nextInt(26))
                                : (char) ('0' + random.nextInt(10)));
                    }
                }
            }
            case 7 -> sb.append(urlText(30 + random.nextInt(30)));
            default -> sb.append(noun(family(PRODUCTS))).append(random.nextBoolean() ? "_" : "-")
                    .append(random.nextInt(1000)).append('.').append(pickOf(EXTENSIONS));
        }
    }

    private String urlText(int length) {
        StringBuilder sb = new StringBuilder(length + 40);
        sb.append(random.nextInt(4) == 0 ? "http://" : "https://").append(pickOf(HOSTS)).append('.')
                .append(pickOf(DOMAINS)).append('.').append(pickOf(TLDS));
        while (sb.length() < length * 2 / 3) {
            sb.append('/');
            int kind = random.nextInt(4);
            sb.append(kind == 0 ? noun(family(PRODUCTS)) : kind == 1 ? pickOf(family(TECHNOLOGIES))
                    : kind == 2 ? noun(family(PRODUCTS)) + "-" + pickOf(family(COMPLAINTS)).replace(' ', '-')
                    : Integer.toString(random.nextInt(100_000)));
        }
        if (random.nextInt(4) == 0) {
            sb.append('/').append(noun(family(PRODUCTS))).append('_').append(random.nextInt(100)).append('.')
                    .append(pickOf(EXTENSIONS));
        }
        char sep = '?';
        while (sb.length() < length) {
            String key = pickOf(QUERY_KEYS);
            sb.append(sep).append(key).append('=').append(switch (key) {
                case "id", "session" -> random.nextBoolean() ? hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3)
                        + "-" + hex(12) : Integer.toString(random.nextInt(1_000_000));
                case "ref", "utm_source" -> pickOf(new String[] {"email", "newsletter", "app", "search", "ads"});
                case "lang" -> pickOf(new String[] {"en", "de", "fr", "es"});
                default -> Integer.toString(random.nextInt(50));
            });
            sep = '&';
        }
        return sb.toString();
    }

    /** The complaints said of a product family: one of three families of its own (screens crack, cables fray). */
    private String[] complaintsOf(int productFamily) {
        return COMPLAINTS[(productFamily * 5 + random.nextInt(3)) % COMPLAINTS.length];
    }

    /** A noun of the family, plural now and then. */
    private String noun(String[] family) {
        String w = pickOf(family);
        return random.nextInt(5) == 0 ? w + "s" : w;
    }

    /** {@code w} lower-case mostly, capitalized (1, 2 of 10) or upper-case (0 of 10) now and then. */
    private static String cased(String w, int dice) {
        return switch (dice) {
            case 0 -> w.toUpperCase(Locale.ROOT);
            case 1, 2 -> Character.toUpperCase(w.charAt(0)) + w.substring(1);
            default -> w;
        };
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            sb.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return sb.toString();
    }

    private String[] family(String[][] families) {
        return families[random.nextInt(families.length)];
    }

    private String pickOf(String[] words) {
        return words[random.nextInt(words.length)];
    }

    /** Between {@code min} and {@code max} distinct words of {@code words}, in random order. */
    private List<String> some(String[] words, int min, int max) {
        List<String> pool = new ArrayList<>(List.of(words));
        java.util.Collections.shuffle(pool, random);
        return pool.subList(0, Math.min(pool.size(), min + random.nextInt(max - min + 1)));
    }

    private static String[][] families(String... lines) {
        String[][] out = new String[lines.length][];
        for (int k = 0; k < lines.length; k++) {
            out[k] = lines[k].split(" ");
            for (int w = 0; w < out[k].length; w++) {
                out[k][w] = out[k][w].replace('_', ' '); // "double_charged": a two-word complaint
            }
        }
        return out;
    }

    /** Product and technology words that are written together: the same pairs for every seed. */
    private static String[][] compounds() {
        Random fixed = new Random(20_261_207L);
        String[][] out = new String[60][];
        for (int k = 0; k < out.length; k++) {
            String[][] first = fixed.nextBoolean() ? TECHNOLOGIES : PRODUCTS;
            String[] a = first[fixed.nextInt(first.length)];
            String[] b = PRODUCTS[fixed.nextInt(PRODUCTS.length)];
            out[k] = new String[] {a[fixed.nextInt(a.length)], b[fixed.nextInt(b.length)]};
        }
        return out;
    }
}
