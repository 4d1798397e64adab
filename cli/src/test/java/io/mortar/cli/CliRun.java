package io.mortar.cli;

import io.mortar.server.testing.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** One {@code mortar} command run in-process: its exit code and what it printed to stdout and stderr. */
record CliRun(int exit, String out, String err) {
    /** {@code mortar args} with this environment instead of the real one. */
    static CliRun run(Map<String, String> environment, String... args) {
        CommandLine cli = MortarCli.commandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** {@code mortar --endpoint <endpoint> args}: a catalog or job command against a test server. */
    static CliRun against(URI endpoint, String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", endpoint.toString()));
        all.addAll(List.of(args));
        return run(Map.of(), all.toArray(String[]::new));
    }

    /**
     * {@code mortar --endpoint <server> args} as a user of that server's machine runs it: the CLI finds the server's
     * root key in its data directory ({@code MORTAR_DATA_DIR}).
     */
    static CliRun against(TestServer server, String... args) {
        List<String> all = new ArrayList<>(List.of("--endpoint", server.endpoint().toString()));
        all.addAll(List.of(args));
        return run(environmentOf(server), all.toArray(String[]::new));
    }

    /** The environment of a user of {@code server}'s machine: its data directory, where its root key is. */
    static Map<String, String> environmentOf(TestServer server) {
        return Map.of("MORTAR_DATA_DIR", server.dataDir().toString());
    }

    /** The lines of stdout, without the empty one after the last line break. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(Arrays.asList(out.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
