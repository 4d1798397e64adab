package io.mortar.model.glob;

import io.mortar.model.GlueException;

/**
 * Translates one Glue glob into a {@link java.util.regex.Pattern} source, with the rules of java.nio's
 * {@code glob:} syntax on a {@code /}-separated file system (see {@link GlueGlob} for why not java.nio itself).
 * Malformed globs are refused where java.nio refuses them, as Glue's {@code InvalidInputException}.
 */
final class GlobRegex {
    private static final String REGEX_META = "\\^$.|?*+()[]{}";
    private static final char END = '\uFFFF';

    private final String glob;
    private final StringBuilder regex = new StringBuilder();
    private int i;

    private GlobRegex(String glob) {
        this.glob = glob;
    }

    static String of(String glob) {
        return new GlobRegex(glob).translate();
    }

    private String translate() {
        boolean inGroup = false;
        while (i < glob.length()) {
            char c = glob.charAt(i++);
            switch (c) {
                case '\\' -> {
                    if (i == glob.length()) {
                        throw refused("ends with a \\ that escapes nothing");
                    }
                    literal(glob.charAt(i++));
                }
                case '*' -> {
                    if (peek() == '*') {
                        i++;
                        regex.append(".*");
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> bracketExpression();
                case '{' -> {
                    if (inGroup) {
                        throw refused("nests { groups, which Glue does not allow");
                    }
                    inGroup = true;
                    regex.append("(?:(?:");
                }
                case '}' -> {
                    if (inGroup) {
                        inGroup = false;
                        regex.append("))");
                    } else {
                        literal(c);
                    }
                }
                case ',' -> {
                    if (inGroup) {
                        regex.append(")|(?:");
                    } else {
                        literal(c);
                    }
                }
                default -> literal(c);
            }
        }
        if (inGroup) {
            throw refused("has an unclosed {");
        }
        return regex.toString();
    }

    /**
     * {@code [...]} after its {@code [}: one character of one level, so never {@code /}. A leading {@code !}
     * negates it; a {@code -} first (or first after {@code !}) and a {@code -} last are literal; a {@code ^} first is
     * literal (it does not negate, as it would in a regex); {@code *}, {@code ?}, {@code \} and {@code [} inside
     * match themselves.
     */
    private void bracketExpression() {
        regex.append("[[^/]&&[");
        boolean empty = true;
        if (peek() == '^') {
            i++;
            regex.append("\\^");
            empty = false;
        } else {
            if (peek() == '!') {
                i++;
                regex.append('^');
            }
            if (peek() == '-') {
                i++;
                member('-');
                empty = false;
            }
        }
        char last = 0;
        boolean rangeCanStart = false;
        while (true) {
            char c = next();
            if (c == END) {
                throw refused("has an unclosed [");
            }
            if (c == ']') {
                break;
            }
            if (c == '/') {
                throw refused("has a / inside [ ], which only matches characters within one level");
            }
            if (c != '-') {
                member(c);
                last = c;
                rangeCanStart = true;
                empty = false;
                continue;
            }
            if (!rangeCanStart) {
                throw refused("has a - in [ ] that does not follow a character");
            }
            char high = next();
            if (high == END) {
                throw refused("has an unclosed [");
            }
            if (high == ']') {
                member('-'); // a trailing - is literal
                break;
            }
            if (high < last) {
                throw refused("has the range " + last + "-" + high + ", which runs backwards");
            }
            regex.append('-');
            member(high);
            rangeCanStart = false;
        }
        if (empty) {
            throw refused("has an empty [ ], which matches nothing");
        }
        regex.append("]]");
    }

    /** A character inside a regex class, escaped where a class would read it as syntax. */
    private void member(char c) {
        if (c == '\\' || c == '[' || c == ']' || c == '^' || c == '&' || c == '-') {
            regex.append('\\');
        }
        regex.append(c);
    }

    private void literal(char c) {
        if (REGEX_META.indexOf(c) >= 0) {
            regex.append('\\');
        }
        regex.append(c);
    }

    private char peek() {
        return i < glob.length() ? glob.charAt(i) : END;
    }

    private char next() {
        return i < glob.length() ? glob.charAt(i++) : END;
    }

    private GlueException refused(String why) {
        return GlueException.invalidInput("Exclusions pattern %s %s", glob, why);
    }
}
