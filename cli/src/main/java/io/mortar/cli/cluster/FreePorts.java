package io.mortar.cli.cluster;

import io.mortar.server.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: a free one picked by the OS, or a check that a chosen one is free. */
final class FreePorts {
    private FreePorts() {}

    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    /** Fails fast with the flag's name; Spark would otherwise log a bind error and retry on the next port. */
    static int requireFree(int port, String flag) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return port;
        } catch (IOException e) {
            throw new ConfigException(flag + " " + port + " is in use on 127.0.0.1; choose another, or 0 for any"
                    + " free port");
        }
    }

    static int resolve(int port, String flag) {
        return port == 0 ? pick() : requireFree(port, flag);
    }
}
