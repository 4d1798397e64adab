package io.mortar.cli.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * How to look into what the demo did with {@code mortar} commands: against the running server with {@code --keep},
 * else against the catalog served again from the demo's data directory.
 *
 * @param keep {@code --keep}: the server stays up after the demo
 * @param endpoint the demo's server
 */
record DemoHints(boolean keep, URI endpoint, DemoLayout layout) {
    /** {@code bin/mortar} as the report's commands start: with the running server's endpoint under --keep. */
    String mortar() {
        return keep ? credentials() + " bin/mortar --endpoint " + endpoint : "bin/mortar";
    }

    /** Where the demo server's root key is, for commands run against it: it has a data directory of its own. */
    private String credentials() {
        return "MORTAR_DATA_DIR=" + layout.mortarDir();
    }

    /** Lines that run these {@code mortar} commands (e.g. {@code logs jr_1}) on the demo's catalog. */
    List<String> lookAt(List<String> commands) {
        List<String> lines = new ArrayList<>();
        if (keep) {
            commands.forEach(c -> lines.add(mortar() + " " + c));
        } else {
            lines.add("to look into it: bin/mortar server --data-dir " + layout.mortarDir() + " (or rerun with --keep),"
                    + " then");
            commands.forEach(c -> lines.add("  " + credentials() + " bin/mortar " + c));
        }
        return lines;
    }

    /** Where a job run's driver log is, and the commands that show the run. */
    List<String> forRun(String job, String runId) {
        List<String> help = new ArrayList<>();
        help.add("its driver log: " + layout.driverLog(runId));
        help.addAll(lookAt(List.of("runs " + job, "logs " + runId)));
        return help;
    }
}
