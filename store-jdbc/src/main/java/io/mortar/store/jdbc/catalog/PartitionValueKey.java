package io.mortar.store.jdbc.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The unique key of a partition within its table ({@code partitions.value_key}): the value list itself when short,
 * which is nearly always, else its first {@value #KEY_PREFIX} characters, '#' and its SHA-256 (one char longer than
 * any plain key, so the two forms never meet). Unlike a bare hash, the key sorts like the values, so partitions
 * added in order (by date, typically) append to the unique index instead of dirtying a random page of it for each
 * row, which made every BatchCreatePartition commit write a hundred scattered index pages.
 */
public final class PartitionValueKey {
    /** Value lists up to this long are their own key; longer ones are keyed by a prefix and a hash. */
    private static final int KEY_PREFIX = 96;
    private static final int MAX_PLAIN_KEY = KEY_PREFIX + 64;

    private PartitionValueKey() {}

    /** The key of a value list as stored (its JSON text); lengths count UTF-16 units, as Java does. */
    public static String of(String valueList) {
        if (valueList.length() <= MAX_PLAIN_KEY) {
            return valueList;
        }
        return valueList.substring(0, KEY_PREFIX) + '#' + sha256(valueList);
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
