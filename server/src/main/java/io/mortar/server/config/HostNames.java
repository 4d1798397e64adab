package io.mortar.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names as the server compares them, with no DNS involved: the bind address, the names it answers to
 * ({@code mortar.hostnames}) and the host of each request's {@code Host} header. {@link #normalize} makes spellings
 * of one name equal (case, IPv6 brackets, the root's trailing dot); {@link #literal} reads an IP address literal
 * without ever resolving a name, since a lookup would let DNS decide what the check accepts.
 */
public final class HostNames {
    public static final String LOCALHOST = "localhost";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** What an IPv6 literal can hold, with an optional zone ({@code fe80::1%eth0}). */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f]*:[0-9a-f:.]*(%[0-9a-z_.-]+)?");
    /** Letters, digits, '-' and '_' (which some internal names use) in dot-separated labels. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]*)?(\\.[a-z0-9_]([a-z0-9_-]*)?)*");

    private HostNames() {}

    /** Lower case, without IPv6 brackets or a trailing dot: {@code [::1]} is {@code ::1}, {@code Local.} local. */
    public static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".") && h.length() > 1) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** The address {@code host} spells out if it is an IPv4 or IPv6 literal (normalized); never a DNS lookup. */
    public static Optional<InetAddress> literal(String host) {
        try {
            var v4 = IPV4.matcher(host);
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(v4.group(i + 1));
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (IPV6.matcher(host).matches()) {
                // With a ':' and only hex digits before it, the JDK parses a literal and never looks a name up.
                return Optional.of(InetAddress.getByName(host));
            }
        } catch (UnknownHostException e) {
            // not a valid literal: a malformed address, which no check accepts
        }
        return Optional.empty();
    }

    /** Whether {@code host} (normalized) can be a name: an address literal or dot-separated labels. */
    public static boolean isWellFormed(String host) {
        return literal(host).isPresent() || NAME.matcher(host).matches();
    }

    /** {@code localhost} or a loopback address literal (127.0.0.0/8, ::1); a name is not looked up. */
    public static boolean isLoopback(String host) {
        String h = normalize(host);
        return h.equals(LOCALHOST) || literal(h).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** An address literal meaning every interface: {@code 0.0.0.0} or {@code ::}. */
    public static boolean isWildcard(String host) {
        return literal(normalize(host)).map(InetAddress::isAnyLocalAddress).orElse(false);
    }
}
