package io.mortar.server.upgrade;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.testing.TestServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Fills an empty Mortar store through the Glue API with one of every kind of thing a store keeps, then writes the
 * store's {@link StoreSnapshot} as {@code expected.json}. server/src/test/upgrade/generate-fixture.sh runs it
 * against the release before a storage change, so that {@link StoreUpgradeTest} can prove the release after it
 * reads that store back identically.
 *
 * <p>Usage: {@code UpgradeFixture <endpoint> <files-dir> <expected.json>}; the files folder receives the job
 * scripts and the crawled files.
 */
public final class UpgradeFixture {
    /** The Expressions every snapshot evaluates: ranges over int and bigint keys, date comparisons, LIKE. */
    static final List<PartitionProbe> PROBES = List.of(
            probe(CatalogFixture.ORDERS, "year BETWEEN 10 AND 2024"),
            probe(CatalogFixture.ORDERS, "year > 9 AND region = 'eu'"),
            probe(CatalogFixture.ORDERS, "day > '2024-02-01' AND day <= '2024-12-31' AND year = 2023"),
            probe(CatalogFixture.ORDERS, "day < '2000-01-01'"),
            probe(CatalogFixture.ORDERS, "region LIKE 'z%' AND year IN (9, 2025)"),
            probe(CatalogFixture.ORDERS, "region NOT LIKE '%u%' AND day = '2024-02-29'"),
            probe(CatalogFixture.EVENTS, "event_id < 0"),
            probe(CatalogFixture.EVENTS, "event_id >= 9223372036854775807"),
            probe(CatalogFixture.EVENTS, "event_id BETWEEN 1 AND 1000000000000 AND source LIKE 'ストア%'"),
            probe(CatalogFixture.EVENTS, "source LIKE 'long-%'"),
            probe(CatalogFixture.ODD_VALUES, "n > 0"));

    private UpgradeFixture() {}

    private static PartitionProbe probe(String table, String expression) {
        return new PartitionProbe(CatalogFixture.SALES, table, expression);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: UpgradeFixture <endpoint> <files-dir> <expected.json>");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0]);
        Path files = Files.createDirectories(Path.of(args[1]));
        Path expected = Path.of(args[2]);
        try (GlueClient glue = TestServer.client(endpoint)) {
            // The identity `mortar server` runs with unless configured otherwise.
            String arnPrefix = CatalogIdentity.DEFAULT.arnPrefix();
            long start = System.nanoTime();
            new CatalogFixture(glue, arnPrefix).write();
            new SettingsFixture(glue).write();
            new RunsFixture(glue, files, arnPrefix).write();
            System.out.printf("UpgradeFixture: store filled in %.1f s%n", (System.nanoTime() - start) / 1e9);

            String first = StoreSnapshot.text(glue, PROBES);
            String second = StoreSnapshot.text(glue, PROBES);
            if (!first.equals(second)) {
                throw new IllegalStateException("Two snapshots of the same store differ: a value in it changes"
                        + " between reads and must be excluded (with its reason) in StoreSnapshot");
            }
            Files.createDirectories(expected.toAbsolutePath().getParent());
            Files.writeString(expected, first, StandardCharsets.UTF_8);
            System.out.printf("UpgradeFixture: %s written (%d bytes)%n", expected, Files.size(expected));
        }
    }
}
