package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code aws glue …} against one endpoint, as a user types it: JSON output, credentials from the environment. */
final class AwsCli {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientEnvironment environment;
    private final URI endpoint;

    AwsCli(ClientEnvironment environment, URI endpoint) {
        this.environment = environment;
        this.endpoint = endpoint;
    }

    /** Runs {@code aws glue <args>}, which must succeed, and returns the JSON it printed ({} when it printed none). */
    JsonNode glue(String... args) {
        ClientProcess.Result run = run(args);
        assertThat(run.exitCode()).as(run::describe).isZero();
        if (run.stdout().isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(run.stdout());
        } catch (IOException e) {
            throw new AssertionError("aws printed something that is not JSON\n" + run.describe(), e);
        }
    }

    /**
     * Runs {@code aws glue <args>}, which must fail with the Glue error {@code code} (the CLI prints
     * "An error occurred (Code) when calling the Op operation: message" and exits non-zero); returns the message.
     */
    String glueFails(String code, String... args) {
        ClientProcess.Result run = run(args);
        assertThat(run.exitCode()).as(run::describe).isNotZero();
        String marker = "An error occurred (" + code + ") when calling the ";
        assertThat(run.stderr()).as(run::describe).contains(marker);
        String line = run.stderr().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
        return line.substring(line.indexOf("operation: ") + "operation: ".length()).strip();
    }

    private ClientProcess.Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(ClientEnvironment.awsCli(), "glue"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json"));
        return ClientProcess.run(command, environment.variables(), TIMEOUT);
    }
}
