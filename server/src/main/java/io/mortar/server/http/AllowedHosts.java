package io.mortar.server.http;

import io.mortar.server.config.HostNames;
import io.mortar.server.config.ListenConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names a request's {@code Host} may give, which are the names this server answers to: {@code localhost} and
 * the loopback addresses; the bind address (and what a bind name resolves to); with a wildcard bind ({@code 0.0.0.0},
 * {@code ::}) the machine's host names and every address of its interfaces; and the names the user adds
 * ({@code mortar.hostnames}). Anything else reached this server under a name that is not its own: a web page
 * whose name was made to resolve to it (DNS rebinding) sends its own name.
 *
 * <p>Names are resolved once, when the server starts; a wildcard bind's interface addresses are asked of the
 * system on each check, so an address the machine gains later is accepted too. A request's host is never looked
 * up: that would let DNS, which the attacker controls, decide.
 */
final class AllowedHosts {
    private static final Logger LOG = LoggerFactory.getLogger(AllowedHosts.class);

    private final Set<String> names;
    private final Set<InetAddress> addresses;
    private final boolean anyInterfaceAddress;

    AllowedHosts(Set<String> names, Set<InetAddress> addresses, boolean anyInterfaceAddress) {
        this.names = Set.copyOf(names);
        this.addresses = Set.copyOf(addresses);
        this.anyInterfaceAddress = anyInterfaceAddress;
    }

    static AllowedHosts of(ListenConfig listen) {
        Set<String> names = new LinkedHashSet<>();
        Set<InetAddress> addresses = new LinkedHashSet<>();
        names.add(HostNames.LOCALHOST);
        String bind = HostNames.normalize(listen.bind());
        Optional<InetAddress> bindAddress = HostNames.literal(bind);
        if (bindAddress.isPresent()) {
            addresses.add(bindAddress.get());
        } else {
            names.add(bind);
            addresses.addAll(resolve(bind));
        }
        if (listen.wildcard()) {
            names.addAll(machineNames());
        }
        for (String name : listen.hostnames()) {
            HostNames.literal(name).ifPresentOrElse(addresses::add, () -> names.add(name));
        }
        return new AllowedHosts(names, addresses, listen.wildcard());
    }

    /** Whether a request naming {@code host} (as its {@code Host} header gives it, without the port) is for us. */
    boolean allows(String host) {
        String h = HostNames.normalize(host);
        Optional<InetAddress> literal = HostNames.literal(h);
        if (literal.isEmpty()) {
            return names.contains(h);
        }
        InetAddress address = literal.get();
        return address.isLoopbackAddress() || addresses.contains(address)
                || anyInterfaceAddress && isInterfaceAddress(address);
    }

    /** What a log line says the server answers to (not an error message: it would tell a stranger our names). */
    String describe() {
        List<String> all = new ArrayList<>(names);
        all.add("loopback addresses");
        addresses.stream().filter(a -> !a.isLoopbackAddress()).forEach(a -> all.add(a.getHostAddress()));
        if (anyInterfaceAddress) {
            all.add("every interface's addresses");
        }
        return String.join(", ", all);
    }

    private static boolean isInterfaceAddress(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static List<InetAddress> resolve(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of(); // Jetty reports the bind address it cannot listen on
        }
    }

    /** The machine's host name, fully qualified and short. */
    private static Set<String> machineNames() {
        Set<String> names = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            for (String name : List.of(local.getHostName(), local.getCanonicalHostName())) {
                String n = HostNames.normalize(name);
                if (HostNames.literal(n).isEmpty()) {
                    names.add(n);
                    int dot = n.indexOf('.');
                    if (dot > 0) {
                        names.add(n.substring(0, dot));
                    }
                }
            }
        } catch (UnknownHostException e) {
            LOG.warn("This machine's host name does not resolve ({}): requests must name it by address or by a"
                    + " name in mortar.hostnames", e.getMessage());
        }
        return names;
    }
}
