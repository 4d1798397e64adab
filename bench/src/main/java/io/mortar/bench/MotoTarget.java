package io.mortar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto's server ({@code python3 -m moto.server -H 127.0.0.1 -p <port>}) in a child process, stopped on close.
 * moto keeps every object in the Python process's memory.
 */
final class MotoTarget implements BenchTarget {
    private final Process process;
    private final int port;
    private final Path log;

    private MotoTarget(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MotoTarget start(String python) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = Files.createTempFile("moto-bench-", ".log");
        Process process = new ProcessBuilder(List.of(python, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoTarget target = new MotoTarget(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!target.answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                target.close();
                throw new IllegalStateException("moto did not start; see " + log + ":\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        String version = new String(new ProcessBuilder(python, "-c", "import moto; print(moto.__version__)")
                .start().getInputStream().readAllBytes()).trim();
        Log.info("moto %s: listening on port %d (pid %d, log %s)", version, port, process.pid(), log);
        return target;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/moto-api/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            c.getResponseCode();
            c.disconnect();
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public String name() {
        return "moto";
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Resident memory of the moto process (and any children it forked), from /proc. */
    @Override
    public String footprint() {
        long kb = rssKb(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            kb += rssKb(child.pid());
        }
        return kb == 0 ? "memory unknown" : String.format("process RSS %,d MB", kb >> 10);
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
