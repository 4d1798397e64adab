package io.mortar.catalog;

import io.mortar.model.GlueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * NextToken values: the store's cursor (a key, never an offset), tagged with the listing it belongs to and
 * made opaque. A token from another listing, or garbage, is an InvalidInputException rather than a wrong page.
 */
public final class PageTokens {
    private PageTokens() {}

    /** MaxResults checked against the listing's maximum, or its default when absent. */
    public static int pageSize(Integer requested, int defaultSize, int max) {
        if (requested == null) {
            return defaultSize;
        }
        if (requested < 1 || requested > max) {
            throw GlueException.invalidInput("MaxResults must be between 1 and %d.", max);
        }
        return requested;
    }

    public static String encode(String listing, String cursor) {
        if (cursor == null) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + ':' + cursor).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor inside {@code token}, or null for the first page. */
    public static String decode(String listing, String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw forged();
        }
        if (!text.startsWith(listing + ':')) {
            throw GlueException.invalidInput("Invalid NextToken: it belongs to another listing.");
        }
        return text.substring(listing.length() + 1);
    }

    /**
     * The name a name-ordered listing (databases, tables) resumes after, or null for the first page. Names never
     * hold U+0000, so a cursor that does was forged; PostgreSQL could not even compare it (an internal error).
     */
    public static String decodeName(String listing, String token) {
        String cursor = decode(listing, token);
        Names.rejectNul(cursor, "NextToken");
        return cursor;
    }

    public static long decodeLong(String listing, String token, long first) {
        String cursor = decode(listing, token);
        if (cursor == null) {
            return first;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw forged();
        }
    }

    /**
     * A position in a result the service computes whole (SearchTables), 0 for the first page. Only a forged token
     * holds a negative one or one past any list's size (it used to fail a subList as an internal error).
     */
    public static int decodeOffset(String listing, String token) {
        long offset = decodeLong(listing, token, 0);
        if (offset < 0 || offset > Integer.MAX_VALUE) {
            throw forged();
        }
        return (int) offset;
    }

    /** The error for a token that parses but holds a cursor no listing of this service wrote. */
    public static GlueException forged() {
        return GlueException.invalidInput("Invalid NextToken: not a token this service issued.");
    }
}
