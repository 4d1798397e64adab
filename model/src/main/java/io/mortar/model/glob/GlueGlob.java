package io.mortar.model.glob;

import io.mortar.model.GlueException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One of Glue's exclusion globs: a crawler target's {@code Exclusions} (S3 and JDBC) and a job's {@code exclusions}
 * option, so a crawl and a job given the same list leave out the same files. Matched against a path relative to the
 * include path ({@code year=2024/part-0.csv}, {@code schema/table}); a leading {@code /} in the glob or the path
 * stands for that include path.
 *
 * <p>Glue documents its globs in the words of java.nio's {@code glob:} syntax, and these are its rules with
 * {@code /} as the separator: {@code *} any characters within one level; {@code **} any characters across levels;
 * {@code ?} one character other than {@code /}; {@code [abc]}, {@code [a-z]}, {@code [!a-c]} one character (never
 * {@code /}) in or not in a set; {@code {csv,avro}} one of the alternatives, which cannot nest; {@code \} makes the
 * next character literal; a leading dot is an ordinary character. Malformed globs (an unclosed {@code [} or
 * {@code {}, nested groups, a trailing {@code \}, a {@code /} or a backwards range in {@code [ ]}, an empty
 * {@code [ ]}) are Glue's {@code InvalidInputException}.
 *
 * <p>Not java.nio's own matcher: it matches {@link java.nio.file.Path}s, which fold {@code s3://} into
 * {@code s3:/} and follow the platform (on Windows, {@code \} separates levels and cannot escape). The tests hold
 * this translation to java.nio's answers.
 */
public final class GlueGlob {
    private final String glob;
    private final Pattern regex;

    private GlueGlob(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /**
     * @throws GlueException InvalidInput, its message starting {@code Exclusions}, for an empty or malformed glob
     */
    public static GlueGlob compile(String glob) {
        if (glob == null || glob.isEmpty()) {
            throw GlueException.invalidInput("Exclusions must not contain an empty pattern");
        }
        String relative = glob.startsWith("/") ? glob.substring(1) : glob;
        return new GlueGlob(glob, Pattern.compile(GlobRegex.of(relative)));
    }

    /**
     * Every glob of a target's exclusions (none for null), refusing a malformed one with its message prefixed by
     * the target's field, so the error says which target holds it ({@code JdbcTargets[1].Exclusions pattern …}).
     */
    public static List<GlueGlob> compileAll(String field, List<String> globs) {
        List<GlueGlob> compiled = new ArrayList<>();
        for (String glob : globs == null ? List.<String>of() : globs) {
            try {
                compiled.add(compile(glob));
            } catch (GlueException e) {
                throw new GlueException(e.code(), field + "." + e.getMessage());
            }
        }
        return List.copyOf(compiled);
    }

    /** Whether any of the globs excludes the path. */
    public static boolean anyMatches(Collection<GlueGlob> globs, String path) {
        for (GlueGlob g : globs) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }

    public boolean matches(String path) {
        return regex.matcher(path.startsWith("/") ? path.substring(1) : path).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
