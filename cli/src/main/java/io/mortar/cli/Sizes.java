package io.mortar.cli;

import java.util.Locale;

/** Sizes as the commands print them. */
public final class Sizes {
    private Sizes() {}

    /** Bytes for a person: 812 B, 12.3 KiB, 4.0 MiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** Bytes for a person, and exactly when that was rounded: 12.1 KiB (12,345 bytes). */
    public static String bytesExact(long n) {
        return n < 1024 ? bytes(n) : bytes(n) + String.format(Locale.ROOT, " (%,d bytes)", n);
    }
}
