package io.mortar.crawler.glob;

import io.mortar.model.GlueException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A crawler exclusion pattern with Glue's glob rules, matched against a path relative to the include path:
 * {@code /} separates levels; {@code *} is any characters within one level; {@code **} any characters across
 * levels; {@code ?} one character other than {@code /}; {@code [abc]}, {@code [a-z]} and {@code [!a-c]} one
 * character in (or not in) a set; {@code {csv,avro}} one of the alternatives (not nested); {@code \} makes the
 * next character literal; a leading dot is an ordinary character.
 */
public final class ExclusionGlob {
    private final String glob;
    private final Pattern regex;

    private ExclusionGlob(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    public static ExclusionGlob compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw GlueException.invalidInput("Exclusions must not contain an empty pattern");
        }
        // paths are relative to the include path, so a leading / only anchors at it
        String relative = glob.startsWith("/") ? glob.substring(1) : glob;
        return new ExclusionGlob(glob, Pattern.compile(toRegex(relative)));
    }

    /** Whether any of the globs excludes the relative path. */
    public static boolean anyMatches(List<ExclusionGlob> globs, String relativePath) {
        return globs.stream().anyMatch(g -> g.matches(relativePath));
    }

    public boolean matches(String relativePath) {
        String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        return regex.matcher(path).matches();
    }

    static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        boolean inGroup = false;
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= glob.length()) {
                        throw invalid(glob, "ends with an escape");
                    }
                    out.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                    i += 2;
                    continue;
                }
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        out.append(".*");
                        i += 2;
                        continue;
                    }
                    out.append("[^/]*");
                }
                case '?' -> out.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        throw invalid(glob, "has an unclosed [");
                    }
                    String body = glob.substring(i + 1, end);
                    boolean negated = body.startsWith("!");
                    if (negated) {
                        body = body.substring(1);
                    }
                    StringBuilder set = new StringBuilder(negated ? "[^/" : "[");
                    for (char b : body.toCharArray()) {
                        set.append(b == '-' ? "-" : (Character.isLetterOrDigit(b) ? String.valueOf(b) : "\\" + b));
                    }
                    out.append(set).append(']');
                    i = end + 1;
                    continue;
                }
                case '{' -> {
                    if (inGroup) {
                        throw invalid(glob, "nests { groups");
                    }
                    inGroup = true;
                    out.append("(?:");
                }
                case '}' -> {
                    if (!inGroup) {
                        out.append("\\}");
                    } else {
                        inGroup = false;
                        out.append(')');
                    }
                }
                case ',' -> out.append(inGroup ? "|" : ",");
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        if (inGroup) {
            throw invalid(glob, "has an unclosed {");
        }
        return out.toString();
    }

    private static GlueException invalid(String glob, String why) {
        return GlueException.invalidInput("Exclusions pattern %s %s", glob, why);
    }

    @Override
    public String toString() {
        return glob;
    }
}
