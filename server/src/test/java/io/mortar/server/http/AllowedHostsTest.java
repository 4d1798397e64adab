package io.mortar.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.config.ListenConfig;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Which names {@link AllowedHosts} lets requests give, for each kind of bind address; no server and no socket
 * (the tests never listen beyond loopback), only the machine's own interfaces and names as the JDK reports them.
 */
class AllowedHostsTest {
    private static AllowedHosts of(String bind, String... hostnames) {
        return AllowedHosts.of(new ListenConfig(bind, 0).withHostnames(List.of(hostnames)));
    }

    @Test
    void onLoopbackLocalhostAndTheLoopbackAddressesAreAllowedAndNothingElse() {
        AllowedHosts hosts = of("127.0.0.1");

        assertThat(hosts.allows("localhost")).isTrue();
        assertThat(hosts.allows("LOCALHOST")).isTrue();
        assertThat(hosts.allows("localhost.")).isTrue();
        assertThat(hosts.allows("127.0.0.1")).isTrue();
        assertThat(hosts.allows("127.1.2.3")).isTrue();
        assertThat(hosts.allows("[::1]")).isTrue();
        assertThat(hosts.allows("::1")).isTrue();
        assertThat(hosts.allows("[0:0:0:0:0:0:0:1]")).isTrue();

        assertThat(hosts.allows("evil.example")).isFalse();
        assertThat(hosts.allows("localhost.evil.example")).isFalse();
        assertThat(hosts.allows("127.0.0.1.nip.io")).isFalse();
        assertThat(hosts.allows("0.0.0.0")).isFalse();
        assertThat(hosts.allows("2130706433")).as("127.0.0.1 as one number: a name, never looked up").isFalse();
        assertThat(hosts.allows("")).isFalse();
    }

    @Test
    void theBindAddressAndTheConfiguredNamesAreAllowed() {
        AllowedHosts hosts = of("192.0.2.10", "glue.example.com", "10.9.8.7", "[2001:db8::5]");

        assertThat(hosts.allows("192.0.2.10")).isTrue();
        assertThat(hosts.allows("glue.example.com")).isTrue();
        assertThat(hosts.allows("Glue.Example.Com.")).isTrue();
        assertThat(hosts.allows("10.9.8.7")).isTrue();
        assertThat(hosts.allows("[2001:db8::5]")).isTrue();
        assertThat(hosts.allows("2001:db8:0:0:0:0:0:5")).isTrue();
        assertThat(hosts.allows("localhost")).isTrue();

        assertThat(hosts.allows("192.0.2.11")).isFalse();
        assertThat(hosts.allows("sub.glue.example.com")).isFalse();
        assertThat(hosts.allows("example.com")).isFalse();
        assertThat(hosts.allows("[2001:db8::6]")).isFalse();
    }

    @Test
    void aBindNameIsAllowedWithTheAddressesItResolvesTo() {
        AllowedHosts hosts = of("localhost");

        assertThat(hosts.allows("localhost")).isTrue();
        assertThat(hosts.allows("127.0.0.1")).isTrue();
        assertThat(hosts.allows("evil.example")).isFalse();
    }

    @Test
    void aWildcardBindAllowsEveryInterfaceAddressAndTheMachinesNames() throws Exception {
        for (String bind : List.of("0.0.0.0", "::")) {
            AllowedHosts hosts = of(bind);

            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String host = address instanceof Inet6Address
                            ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]" : address.getHostAddress();
                    assertThat(hosts.allows(host)).as("%s bound to %s", host, bind).isTrue();
                }
            }
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            assertThat(hosts.allows(name)).as("the host name %s", name).isTrue();
            assertThat(hosts.allows(name.toUpperCase(Locale.ROOT))).isTrue();
            assertThat(hosts.allows("evil.example")).isFalse();
            assertThat(hosts.allows("192.0.2.99")).as("an address of no interface here").isFalse();
        }
    }

    @Test
    void aSpecificBindDoesNotAllowTheMachinesOtherAddressesOrNames() throws Exception {
        AllowedHosts hosts = of("127.0.0.1");
        String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);

        if (!name.equals("localhost")) {
            assertThat(hosts.allows(name)).isFalse();
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    assertThat(hosts.allows(address.getHostAddress())).as("%s", address).isFalse();
                }
            }
        }
    }
}
