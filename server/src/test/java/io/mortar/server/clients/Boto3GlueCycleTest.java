package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;

/**
 * boto3's Glue client against Mortar: {@code clients/glue_cycle.py} (runnable on its own with {@code --endpoint})
 * drives a whole create → partition → query → update → delete cycle with its own assertions; here we run it, demand
 * exit 0 and the summary it prints, and check on Mortar's side that it left nothing behind. SQLite only: the store
 * behaviour is covered on PostgreSQL by the SDK contract suite; this checks the wire as boto3 speaks it.
 */
class Boto3GlueCycleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ClientEnvironment environment;
    private static TestServer server;

    @BeforeAll
    static void start() {
        environment = ClientEnvironment.create();
        environment.requireBoto3();
        server = TestServer.start(StoreBackend.SQLITE);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void fullCatalogCycleThroughBoto3() {
        ClientProcess.Result run = runCycle(server.endpoint(), "boto");

        assertCycleSucceeded(run);
        assertLeftNothingBehind("boto_cycle_db");
    }

    @Test
    void twoBoto3ClientsCyclingAtOnceDoNotDisturbEachOther() {
        CompletableFuture<ClientProcess.Result> first = CompletableFuture.supplyAsync(() -> runCycle(server.endpoint(), "left"));
        CompletableFuture<ClientProcess.Result> second = CompletableFuture.supplyAsync(() -> runCycle(server.endpoint(), "right"));

        assertCycleSucceeded(first.join());
        assertCycleSucceeded(second.join());
        assertLeftNothingBehind("left_cycle_db");
        assertLeftNothingBehind("right_cycle_db");
    }

    /** The harness itself: a script that cannot reach Glue must fail this test, not pass it silently. */
    @Test
    void aCycleThatCannotReachGlueExitsNonZero() {
        ClientProcess.Result run = runCycle(ClientEnvironment.deadEndpoint(), "dead");

        assertThat(run.exitCode()).as(run::describe).isNotZero();
        assertThat(run.stderr()).as(run::describe).contains("Could not connect to the endpoint URL");
        assertThat(run.stdout()).as(run::describe).doesNotContain("\"ok\"");
    }

    private ClientProcess.Result runCycle(URI endpoint, String prefix) {
        List<String> command = List.of(ClientEnvironment.python(), script().toString(),
                "--endpoint", endpoint.toString(), "--prefix", prefix);
        return ClientProcess.run(command, environment.signingAs(TestServer.rootCredentials(server.dataDir()))
                .variables(), TIMEOUT);
    }

    private static void assertCycleSucceeded(ClientProcess.Result run) {
        assertThat(run.exitCode()).as(run::describe).isZero();
        JsonNode summary = lastJsonLine(run);
        assertThat(summary.path("ok").asBoolean()).as(run::describe).isTrue();
        List<String> steps = new ArrayList<>();
        summary.path("steps").forEach(step -> steps.add(step.asText()));
        // The script asserts as it goes; these show it went all the way, in order.
        assertThat(steps).as(run::describe).containsSubsequence(
                "create_database", "create_table", "batch_create_partition", "get_partitions_expression",
                "get_partitions_paginator", "update_table_with_version", "update_table_stale_version",
                "get_table_versions", "delete_table", "delete_database");
    }

    private static void assertLeftNothingBehind(String database) {
        try (GlueClient glue = server.client()) {
            List<String> names = glue.getDatabasesPaginator(b -> {}).stream()
                    .flatMap(page -> page.databaseList().stream()).map(Database::name).toList();
            assertThat(names).doesNotContain(database);
            assertThatThrownBy(() -> glue.getTables(b -> b.databaseName(database)))
                    .isInstanceOf(EntityNotFoundException.class);
        }
    }

    private static JsonNode lastJsonLine(ClientProcess.Result run) {
        String[] lines = run.stdout().strip().split("\n");
        try {
            return JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new AssertionError("the script's last line is not its JSON summary\n" + run.describe(), e);
        }
    }

    private static Path script() {
        try {
            return Path.of(Boto3GlueCycleTest.class.getResource("/clients/glue_cycle.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("clients/glue_cycle.py is not a file on the test classpath", e);
        }
    }
}
