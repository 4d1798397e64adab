package io.mortar.auth.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * SigV4's URI encoding: RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) stay, every other byte of the
 * UTF-8 form becomes {@code %XY} with upper-case hex. Text that needs no encoding (the common case) is returned
 * as it is, without copying.
 */
final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriEncoding() {
    }

    /** Encodes every character but the unreserved ones, and {@code /} too unless {@code keepSlash}. */
    static String encode(String text, boolean keepSlash) {
        if (isPlain(text, keepSlash)) {
            return text;
        }
        return encodeBytes(text.getBytes(StandardCharsets.UTF_8), keepSlash);
    }

    /**
     * Percent-decodes a query string component as it came on the wire, then encodes it the SigV4 way, so that
     * {@code a%2a}, {@code a*} and {@code a%2A} all read as {@code a%2A}. A {@code +} is a plus sign, not a space
     * (the AWS signers never send a space as {@code +}); a {@code %} not followed by two hex digits stands for
     * itself.
     */
    static String reencodeQueryComponent(String raw) {
        if (isPlain(raw, false)) {
            return raw;
        }
        byte[] utf8 = raw.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '%' && i + 2 < utf8.length && hexValue(utf8[i + 1]) >= 0 && hexValue(utf8[i + 2]) >= 0) {
                decoded.write(hexValue(utf8[i + 1]) << 4 | hexValue(utf8[i + 2]));
                i += 2;
            } else {
                decoded.write(b);
            }
        }
        return encodeBytes(decoded.toByteArray(), false);
    }

    private static String encodeBytes(byte[] utf8, boolean keepSlash) {
        StringBuilder out = new StringBuilder(utf8.length + 16);
        for (byte b : utf8) {
            int c = b & 0xff;
            if (isUnreserved(c) || keepSlash && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isPlain(String text, boolean keepSlash) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnreserved(c) && !(keepSlash && c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
