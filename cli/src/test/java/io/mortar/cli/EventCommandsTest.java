package io.mortar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.events.EventIntake;
import io.mortar.server.events.EventSources;
import io.mortar.server.events.S3NotificationEndpoint;
import io.mortar.server.events.TriggerEventsEndpoint;
import io.mortar.server.testing.SignedHttp;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * {@code mortar triggers watch} and {@code mortar triggers events} against a server. Until the server routes the
 * event endpoints itself, a front on its own port serves them (over the server's store) and passes every Glue call
 * on to the server.
 */
class EventCommandsTest {
    private static final String ARN = CatalogIdentity.DEFAULT.arnPrefix() + "trigger/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestServer server;
    private static GlueClient glue;
    private static JdbcStores stores;
    private static EventIntake intake;
    private static Javalin front;
    private static final List<String> fired = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(StoreBackend.SQLITE);
        glue = server.client();
        glue.createJob(b -> b.name("load").role("glue").command(c -> c.scriptLocation("/jobs/load.sql")));
        glue.createTrigger(b -> b.name("landing").type(TriggerType.EVENT).startOnCreation(true)
                .eventBatchingCondition(c -> c.batchSize(2).batchWindow(300))
                .actions(Action.builder().jobName("load").build()));
        glue.createTrigger(b -> b.name("idle").type(TriggerType.EVENT)
                .actions(Action.builder().jobName("load").build()));

        stores = JdbcStores.open(server.store());
        TagService tags = new TagService(stores.catalog(), CatalogIdentity.DEFAULT);
        tags.registerResourceKind("trigger", false, path -> stores.triggers().get(path[0]).isPresent());
        intake = new EventIntake(stores.events(), stores.triggers(), tags, CatalogIdentity.DEFAULT, S3Config.NONE,
                (trigger, batchId, eventIds, condition) -> fired.add(batchId), Clock.systemUTC(),
                new EventsConfig(Duration.ZERO, Duration.ofHours(1)));
        TriggerEventsEndpoint events = new TriggerEventsEndpoint(intake);
        S3NotificationEndpoint notifications = new S3NotificationEndpoint(intake);
        front = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/triggers/{name}/events", events::handle);
            cfg.routes.post("/events/s3", notifications::handle);
            cfg.routes.post("/", ctx -> {
                // signed again for the server behind (the CLI signed for this front's host)
                HttpResponse<byte[]> answer = HTTP.send(SignedHttp.request("POST", server.endpoint().resolve("/"),
                        ctx.bodyAsBytes(), Map.of("Content-Type", ctx.contentType(), "X-Amz-Target",
                                ctx.header("X-Amz-Target")), TestServer.rootCredentials(server.dataDir())),
                        HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("X-Amzn-ErrorType").ifPresent(v -> ctx.header("X-Amzn-ErrorType", v));
                ctx.status(answer.statusCode()).contentType(answer.headers().firstValue("Content-Type")
                        .orElse("application/x-amz-json-1.1")).result(answer.body());
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> io.mortar.server.protocol.GlueJsonProtocol
                    .writeFailure(ctx, ctx.method() + " " + ctx.path(), e));
        });
        front.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (front != null) {
            front.stop();
        }
        if (intake != null) {
            intake.close();
        }
        if (stores != null) {
            stores.close();
        }
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static URI endpoint() {
        return URI.create("http://127.0.0.1:" + front.port());
    }

    /**
     * {@code mortar --endpoint <front> args}, with the event commands registered as MortarCli registers them (a second
     * registration changes nothing, so this holds once MortarCli does it itself).
     */
    private static CliRun mortar(String... args) {
        CommandLine cli = MortarCli.commandLine(CliRun.environmentOf(server));
        EventCommands.register(cli);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--endpoint", endpoint().toString()));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return new CliRun(exit, out.toString(), err.toString());
    }

    private static Map<String, String> tags(String trigger) {
        return glue.getTags(b -> b.resourceArn(ARN + trigger)).tags();
    }

    @Test
    void registeringTheCommandsTwiceAddsThemOnce() {
        CommandLine cli = MortarCli.commandLine(CliRun.environmentOf(server));
        EventCommands.register(cli);
        EventCommands.register(cli);

        assertThat(cli.getSubcommands().get("triggers").getSubcommands().keySet()).contains("watch", "events");
    }

    @Test
    void triggersAloneStillListsTheTriggers() {
        CliRun run = mortar("triggers");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(PrintedTable.read(run.lines()).column("NAME")).contains("idle", "landing");
    }

    @Test
    void theEndpointMayFollowTheSubcommand() {
        CommandLine cli = MortarCli.commandLine(CliRun.environmentOf(server));
        EventCommands.register(cli);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));

        int exit = cli.execute("triggers", "events", "landing", "--endpoint", endpoint().toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("Trigger landing (EVENT, ACTIVATED)");
    }

    @Test
    void watchSetsTheTagNamingTheLocations() {
        CliRun run = mortar("triggers", "watch", "landing", "s3://lake/in", "/data/drop/");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly("Trigger landing watches s3://lake/in/, file:///data/drop/");
        assertThat(tags("landing")).containsEntry(EventSources.TAG, "s3://lake/in /data/drop/");
    }

    @Test
    void watchSaysWhenTheTriggerReceivesNoEventsYet() {
        CliRun run = mortar("triggers", "watch", "idle", "s3://lake/idle");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactly("Trigger idle watches s3://lake/idle/",
                "note: it is CREATED; it receives events once started (StartTrigger)");
    }

    @Test
    void watchRefusesALocationItCannotWatchAndChangesNothing() {
        Map<String, String> before = tags("idle");

        CliRun run = mortar("triggers", "watch", "idle", "s3://lake/ok", "lake/relative");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Tag mortar:events: cannot watch 'lake/relative'");
        assertThat(tags("idle")).isEqualTo(before);
    }

    @Test
    void watchOfAMissingTriggerSaysSo() {
        CliRun run = mortar("triggers", "watch", "nothing", "s3://lake/in");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: EntityNotFoundException: Trigger nothing not found.");
    }

    @Test
    void eventsShowsTheLocationsBatchingPendingEventsAndBatches() throws Exception {
        glue.tagResource(b -> b.resourceArn(ARN + "landing").tagsToAdd(Map.of(EventSources.TAG, "s3://lake/in")));
        notify("in/a.csv", "e1", 10);
        notify("in/b.csv", "e2", 2048);
        notify("in/c.csv", "e3", 5);
        intake.batch();

        CliRun run = mortar("triggers", "events", "landing");

        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.lines();
        assertThat(lines.subList(0, 5)).containsExactly("Trigger landing (EVENT, ACTIVATED)",
                "  watches:  s3://lake/in/", "  batching: BatchSize 2, BatchWindow 300 s", "  pending:  1 event(s)",
                "");
        int blank = lines.subList(5, lines.size()).indexOf("") + 5;
        PrintedTable pending = PrintedTable.read(lines.subList(5, blank));
        assertThat(pending.column("OBJECT")).containsExactly("s3://lake/in/c.csv");
        assertThat(pending.column("SIZE")).containsExactly(Sizes.bytesExact(5));
        PrintedTable batches = PrintedTable.read(lines.subList(blank + 1, lines.size()));
        assertThat(batches.column("BATCH")).containsExactly(fired.get(0));
        assertThat(batches.column("EVENTS")).containsExactly("2");
        assertThat(batches.column("CLOSED BY")).containsExactly("BatchSize 2");
        assertThat(batches.column("FIRED (UTC)").get(0)).isNotEqualTo("not yet").isNotBlank();

        CliRun json = mortar("triggers", "events", "landing", "-o", "json");
        assertThat(json.exit()).isZero();
        assertThat(io.mortar.model.GlueJson.parse(json.out()).get("pendingCount").asInt()).isEqualTo(1);
    }

    @Test
    void eventsOfATriggerThatWatchesNothingSaysWhy() {
        CliRun run = mortar("triggers", "events", "load_free_trigger_missing");
        assertThat(run.exit()).isEqualTo(2);

        glue.createTrigger(b -> b.name("untagged").type(TriggerType.EVENT).startOnCreation(true)
                .actions(Action.builder().jobName("load").build()));
        CliRun untagged = mortar("triggers", "events", "untagged");
        assertThat(untagged.exit()).as(untagged.err()).isZero();
        assertThat(untagged.lines()).contains("  watches:  nothing",
                "  no events: no mortar:events tag: the trigger watches no location");
    }

    private static void notify(String key, String eTag, long size) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(endpoint().resolve("/events/s3"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\","
                        + "\"s3\":{\"bucket\":{\"name\":\"lake\"},\"object\":{\"key\":\"" + key + "\",\"size\":" + size
                        + ",\"eTag\":\"" + eTag + "\"}}}]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
