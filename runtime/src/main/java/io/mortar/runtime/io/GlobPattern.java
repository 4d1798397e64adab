package io.mortar.runtime.io;

import java.util.regex.Pattern;

/**
 * A Unix-style glob as Glue's {@code exclusions} use them: {@code *} and {@code ?} stay inside one path segment,
 * {@code **} crosses segments, {@code [...]} and {@code {a,b}} work as in a shell. Matched against whole path
 * strings (e.g. {@code s3://bucket/dir/file.pdf}), which is why java.nio's matchers (built for local paths) do
 * not fit.
 */
public final class GlobPattern {
    private final String glob;
    private final Pattern regex;

    public GlobPattern(String glob) {
        this.glob = glob;
        this.regex = Pattern.compile(toRegex(glob));
    }

    public boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    @Override
    public String toString() {
        return glob;
    }

    static String toRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        out.append(".*");
                        i++;
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("The exclusion pattern '" + glob + "' has an unclosed '['");
                    }
                    String body = glob.substring(i + 1, end);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    out.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    out.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        out.append("\\}");
                    } else {
                        braces--;
                        out.append(')');
                    }
                }
                case ',' -> out.append(braces > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("The exclusion pattern '" + glob + "' has an unclosed '{'");
        }
        return out.toString();
    }
}
