package io.mortar.server.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.model.GlueJson;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.ListenConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.http.HttpEdge;
import io.mortar.server.protocol.GlueJsonProtocol;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.triggers.StoredTrigger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * {@code POST /events/s3} and {@code GET /triggers/{name}/events} over HTTP, routed and rendered as the server does
 * (its HTTP edge and its one exception handler), on a real store.
 */
class EventEndpointsTest {
    private static final CatalogIdentity IDENTITY = CatalogIdentity.DEFAULT;

    @TempDir
    Path dir;

    private StoreSettings settings;
    private JdbcStores stores;
    private EventIntake intake;
    private Javalin http;
    private final List<String> fired = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        settings = StoreBackend.SQLITE.create(dir);
        stores = JdbcStores.open(settings);
        TagService tags = new TagService(stores.catalog(), IDENTITY);
        tags.registerResourceKind("trigger", false, path -> stores.triggers().get(path[0]).isPresent());
        intake = new EventIntake(stores.events(), stores.triggers(), tags, IDENTITY, S3Config.NONE,
                (trigger, batchId, eventIds, condition) -> fired.add(trigger + " " + eventIds.size()),
                Clock.systemUTC(), new EventsConfig(Duration.ZERO, Duration.ofHours(1)));
        Trigger trigger = Trigger.builder().name("landing").type(TriggerType.EVENT)
                .actions(Action.builder().jobName("load").build()).eventBatchingCondition(b -> b.batchSize(5))
                .build();
        stores.triggers().create(new StoredTrigger("landing", null, "EVENT", "ACTIVATED", GlueJson.writeString(trigger),
                Set.of(), Set.of(), Instant.EPOCH, Instant.EPOCH), IDENTITY.arnPrefix() + "trigger/landing",
                Map.of(EventSources.TAG, "s3://lake/in"));
        S3NotificationEndpoint notifications = new S3NotificationEndpoint(intake);
        TriggerEventsEndpoint events = new TriggerEventsEndpoint(intake);
        http = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            HttpEdge.configure(cfg, new ListenConfig("127.0.0.1", 0));
            cfg.routes.post("/events/s3", notifications::handle);
            cfg.routes.get("/triggers/{name}/events", events::handle);
            cfg.routes.exception(Exception.class, (e, ctx) ->
                    GlueJsonProtocol.writeFailure(ctx, ctx.method() + " " + ctx.path(), e));
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop();
        intake.close();
        stores.close();
        StoreBackend.SQLITE.dispose(settings);
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/events/s3"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aNotificationIsAnsweredWithTheEventsEachTriggerAccepted() throws Exception {
        String body = """
                {"Records":[{"eventName":"ObjectCreated:Put","eventTime":"2026-12-06T20:00:00Z",
                 "s3":{"bucket":{"name":"lake"},"object":{"key":"in/a.csv","size":3,"eTag":"\\"abc\\""}}},
                 {"eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"lake"},"object":{"key":"out/b.csv","size":3}}}]}
                """;

        HttpResponse<String> first = post(body);
        HttpResponse<String> again = post(body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(GlueJson.parse(first.body())).isEqualTo(GlueJson.parse(
                "{\"records\":2,\"ignored\":0,\"accepted\":1,\"triggers\":{\"landing\":1}}"));
        assertThat(GlueJson.parse(again.body()).get("accepted").asInt()).as("redelivered").isZero();
        assertThat(stores.events().pendingCount("landing")).isEqualTo(1);
    }

    @Test
    void s3sTestEventIsAnsweredWithNothingAccepted() throws Exception {
        HttpResponse<String> response = post("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\","
                + "\"Time\":\"2026-12-06T20:00:00.000Z\",\"Bucket\":\"lake\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GlueJson.parse(response.body()).get("accepted").asInt()).isZero();
        assertThat(GlueJson.parse(response.body()).get("ignored").asInt()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNoNotificationIsA400InGlueJson() throws Exception {
        HttpResponse<String> response = post("{\"Records\": [{\"eventName\": \"ObjectCreated:Put\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = GlueJson.parse(response.body());
        assertThat(error.get("__type").asText()).isEqualTo("InvalidInputException");
        assertThat(error.get("Message").asText())
                .isEqualTo("Records[0].s3.bucket.name is missing from the S3 event notification.");
        assertThat(post("not json").statusCode()).isEqualTo(400);
    }

    @Test
    void aTriggersEventsAreShownAndAnUnknownTriggerIsA400EntityNotFound() throws Exception {
        post("""
                {"Records":[{"eventName":"ObjectCreated:Put",
                 "s3":{"bucket":{"name":"lake"},"object":{"key":"in/a.csv","size":3,"eTag":"abc"}}}]}
                """);

        HttpResponse<String> response = get("/triggers/landing/events");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = GlueJson.parse(response.body());
        assertThat(json.get("locations").get(0).asText()).isEqualTo("s3://lake/in/");
        assertThat(json.get("batchSize").asInt()).isEqualTo(5);
        assertThat(json.get("batchWindow").asInt()).isEqualTo(900);
        assertThat(json.get("pendingCount").asInt()).isEqualTo(1);
        assertThat(json.get("pending").get(0).get("object").asText()).isEqualTo("s3://lake/in/a.csv");
        assertThat(json.has("problem")).isFalse();

        HttpResponse<String> missing = get("/triggers/nothing/events");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(GlueJson.parse(missing.body()).get("__type").asText()).isEqualTo("EntityNotFoundException");
    }
}
