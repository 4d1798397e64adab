package io.mortar.runtime.tagging;

import io.mortar.tagging.TagRule;
import io.mortar.tagging.Tagger;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What executors need to build the matcher, as the broadcast carries it: the rules, the tagged columns (in the
 * matcher's order) and the matcher's options, plus a digest of all of it that keys the per-JVM cache of compiled
 * matchers ({@link CompiledRules}). {@link TagRule} is not serializable, hence the arrays.
 */
final class RuleSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final String[] tags;
    private final String[][] ruleColumns;
    private final String[] regexes;
    private final int[] flags;
    private final String[] columns;
    private final boolean firstMatchOnly;
    private final int guardStepsPerChar;

    RuleSet(List<TagRule> rules, List<String> columns, boolean firstMatchOnly, int guardStepsPerChar) {
        int n = rules.size();
        this.tags = new String[n];
        this.ruleColumns = new String[n][];
        this.regexes = new String[n];
        this.flags = new int[n];
        for (int r = 0; r < n; r++) {
            TagRule rule = rules.get(r);
            tags[r] = rule.tag();
            ruleColumns[r] = rule.columns().toArray(String[]::new);
            regexes[r] = rule.regex();
            flags[r] = rule.flags();
        }
        this.columns = columns.toArray(String[]::new);
        this.firstMatchOnly = firstMatchOnly;
        this.guardStepsPerChar = guardStepsPerChar;
        this.key = digest();
    }

    /** A digest of everything the matcher is built from: equal keys, equal matchers. */
    String key() {
        return key;
    }

    List<TagRule> rules() {
        List<TagRule> out = new ArrayList<>(tags.length);
        for (int r = 0; r < tags.length; r++) {
            out.add(new TagRule(tags[r], List.of(ruleColumns[r]), regexes[r], flags[r]));
        }
        return out;
    }

    List<String> columns() {
        return List.of(columns);
    }

    Tagger.Options options() {
        return new Tagger.Options(firstMatchOnly, guardStepsPerChar);
    }

    /** @throws io.mortar.tagging.InvalidRuleException naming the first rule that cannot be used */
    Tagger compile() {
        return Tagger.compile(rules(), columns(), options());
    }

    private String digest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(tags.length);
            for (int r = 0; r < tags.length; r++) {
                writeString(out, tags[r]);
                writeString(out, regexes[r]);
                out.writeInt(flags[r]);
                out.writeInt(ruleColumns[r].length);
                for (String c : ruleColumns[r]) {
                    writeString(out, c);
                }
            }
            out.writeInt(columns.length);
            for (String c : columns) {
                writeString(out, c);
            }
            out.writeBoolean(firstMatchOnly);
            out.writeInt(guardStepsPerChar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length-prefixed UTF-16, so no string is too long (writeUTF stops at 64 KB) and no two encodings collide. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeInt(s.length());
        out.writeChars(s);
    }
}
