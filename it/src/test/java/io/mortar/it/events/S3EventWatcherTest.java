package io.mortar.it.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.TagService;
import io.mortar.it.harness.S3ProxyProcess;
import io.mortar.model.GlueJson;
import io.mortar.server.config.EventsConfig;
import io.mortar.server.config.S3Config;
import io.mortar.server.events.EventIntake;
import io.mortar.server.events.EventSources;
import io.mortar.server.events.S3Notification;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.StoreSettings;
import io.mortar.store.jdbc.testing.StoreBackend;
import io.mortar.store.triggers.StoredTrigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.glue.model.Action;
import software.amazon.awssdk.services.glue.model.Trigger;
import software.amazon.awssdk.services.glue.model.TriggerType;

/**
 * The event watcher on a real S3 server that sends no notifications (S3Proxy): objects put under a watched prefix
 * become events through S3A listings, and a notification of the same object — as a store that does notify would
 * send it — makes no second event, since both carry the object's ETag.
 */
class S3EventWatcherTest {
    private static final CatalogIdentity IDENTITY = CatalogIdentity.DEFAULT;

    @TempDir
    Path dir;

    private S3ProxyProcess s3;
    private StoreSettings settings;
    private JdbcStores stores;
    private EventIntake intake;
    private final List<List<String>> fired = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        s3 = S3ProxyProcess.start();
        s3.createBucket("lake");
        settings = StoreBackend.SQLITE.create(dir);
        stores = JdbcStores.open(settings);
        TagService tags = new TagService(stores.catalog(), IDENTITY);
        tags.registerResourceKind("trigger", false, path -> stores.triggers().get(path[0]).isPresent());
        Trigger trigger = Trigger.builder().name("landing").type(TriggerType.EVENT)
                .actions(Action.builder().jobName("load").build()).eventBatchingCondition(b -> b.batchSize(2))
                .build();
        stores.triggers().create(new StoredTrigger("landing", null, "EVENT", "ACTIVATED",
                GlueJson.writeString(trigger), Set.of(), Set.of(), Instant.EPOCH, Instant.EPOCH),
                IDENTITY.arnPrefix() + "trigger/landing", Map.of(EventSources.TAG, "s3://lake/in"));
        intake = new EventIntake(stores.events(), stores.triggers(), tags, IDENTITY,
                new S3Config(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region(), true),
                (name, batchId, eventIds, condition) -> fired.add(List.copyOf(eventIds)), Clock.systemUTC(),
                new EventsConfig(Duration.ofMillis(200), Duration.ofMillis(200)));
    }

    @AfterEach
    void stop() {
        if (intake != null) {
            intake.close();
        }
        if (stores != null) {
            stores.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /** Puts an object; its ETag as S3 answered it. */
    private String put(String key, String content) {
        return s3.client().putObject(b -> b.bucket("lake").key(key), RequestBody.fromString(content)).eTag();
    }

    private S3Notification notification(String key, String eTag, int size) {
        return S3Notification.parse(("{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":"
                + "{\"name\":\"lake\"},\"object\":{\"key\":\"" + key + "\",\"size\":" + size + ",\"eTag\":"
                + GlueJson.mapper().valueToTree(eTag) + "}}}]}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void objectsPutUnderTheWatchedPrefixAreFiredAndANotificationOfOneOfThemIsNoSecondEvent() {
        put("in/old_1.csv", "a\n1\n");
        put("in/day=1/old_2.csv", "a\n2\n");
        intake.watch();
        intake.batch();
        assertThat(fired).as("objects there before watching are not new").isEmpty();

        String first = put("in/day=2/new_1.csv", "a\n10\n");
        put("in/day=2/new_2.csv", "a\n20\n");
        String third = put("in/day=2/new_3.csv", "a\n30\n");
        put("in/_SUCCESS", "");
        put("out/elsewhere.csv", "a\n40\n");
        intake.watch();
        intake.batch();

        assertThat(fired).hasSize(1);
        assertThat(fired.get(0)).hasSize(2);
        assertThat(stores.events().pendingCount("landing")).isEqualTo(1);
        assertThat(stores.events().pending("landing", 10).get(0).objectUrl()).startsWith("s3://lake/in/day=2/new_");

        // a store that notifies would send these too: the same objects, by their ETags, are no new events
        assertThat(intake.receive(notification("in/day%3D2/new_1.csv", first, 5)).accepted()).isZero();
        assertThat(intake.receive(notification("in/day%3D2/new_3.csv", third, 5)).accepted()).isZero();

        // and one notified before the watcher lists it is listed as the same event
        String fourth = put("in/day=3/new_4.csv", "a\n50\n");
        assertThat(intake.receive(notification("in/day%3D3/new_4.csv", fourth, 5)).accepted()).isEqualTo(1);
        intake.watch();
        intake.batch();

        assertThat(fired).hasSize(2);
        assertThat(fired.get(1)).hasSize(2).doesNotContainAnyElementsOf(fired.get(0));
        assertThat(stores.events().pendingCount("landing")).isZero();
    }

    @Test
    void runningItFindsWhatLandsByItself() throws InterruptedException {
        intake.start();
        for (int i = 0; i < 100 && stores.events().watches().isEmpty(); i++) {
            Thread.sleep(50);
        }
        put("in/a.csv", "a\n1\n");
        put("in/b.csv", "a\n2\n");

        for (int i = 0; i < 200 && fired.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(fired).hasSize(1);
        assertThat(fired.get(0)).hasSize(2);
    }
}
