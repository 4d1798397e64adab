package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mortar server}'s flags for the edge's protection reach their settings: each unusable combination is
 * refused before anything starts, with exit 2 and the setting's own message.
 */
class ServerSecurityFlagsTest {
    @TempDir
    Path dataDir;

    private CliRun server(String... flags) {
        return server(Map.of(), flags);
    }

    private CliRun server(Map<String, String> environment, String... flags) {
        String[] args = new String[flags.length + 5];
        args[0] = "server";
        args[1] = "--port";
        args[2] = "0";
        args[3] = "--data-dir";
        args[4] = dataDir.toString();
        System.arraycopy(flags, 0, args, 5, flags.length);
        return CliRun.run(environment, args);
    }

    @Test
    void helpListsTheFlags() {
        CliRun help = CliRun.run(Map.of(), "server", "--help");

        assertThat(help.out()).contains("--tls-cert=FILE", "--tls-key=FILE", "--hostname=NAME", "--insecure-no-auth");
    }

    @Test
    void insecureNoAuthBeyondLoopbackIsRefusedUnlessGivenAsTheFlag() {
        // set in the environment, not said on the command line (the flag itself is allowed: ConfigLoader's tests)
        CliRun run = server(Map.of("MORTAR_AUTH_INSECURE_NO_AUTH", "true"), "--bind", "0.0.0.0");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: mortar.auth.insecure-no-auth turns authentication off, but"
                + " mortar.bind is 0.0.0.0")
                .contains("explicitly on the command line (--insecure-no-auth)").contains("--bind 127.0.0.1");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        CliRun run = server("--tls-cert", dataDir.resolve("cert.pem").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: mortar.tls.key (--tls-key) is not set");
    }

    @Test
    void tlsFilesThatCannotBeReadAreNamed() {
        Path cert = dataDir.resolve("cert.pem");

        CliRun run = server("--tls-cert", cert.toString(), "--tls-key", dataDir.resolve("key.pem").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: mortar.tls.cert " + cert + " cannot be read: no such file\n");
    }

    @Test
    void everyHostnameFlagIsAName() {
        CliRun run = server("--hostname", "glue.example.com", "--hostname", "glue.example.com:8095");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: mortar.hostnames: 'glue.example.com:8095' is not a host name");
    }
}
