package io.mortar.server.crawlers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.Catalog;
import io.mortar.catalog.connections.ConnectionService;
import io.mortar.crawler.FileClassifier;
import io.mortar.crawler.custom.CustomClassifiers;
import io.mortar.crawler.discovery.CrawlProgress;
import io.mortar.crawler.discovery.DiscoveredTable;
import io.mortar.crawler.discovery.EarlierCrawls;
import io.mortar.crawler.discovery.FileDiscovery;
import io.mortar.crawler.discovery.FileDiscoveryResult;
import io.mortar.crawler.discovery.FileProblem;
import io.mortar.crawler.discovery.FileTarget;
import io.mortar.crawler.jdbc.JdbcDiscovery;
import io.mortar.crawler.plan.CrawlPlan;
import io.mortar.crawler.plan.CrawlPlanner;
import io.mortar.model.GlueException;
import io.mortar.model.glob.GlueGlob;
import io.mortar.server.classifiers.ClassifierLookup;
import io.mortar.server.config.CrawlersConfig;
import io.mortar.server.config.HadoopConfigurations;
import io.mortar.server.config.S3Config;
import io.mortar.server.protocol.GlueOperations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import software.amazon.awssdk.services.glue.model.CatalogTarget;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.JdbcTarget;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.S3Target;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * One crawl of one crawler: each target discovered (S3 and local paths through Hadoop's file systems, JDBC targets
 * through their connection, catalog targets at their tables' locations), the findings planned against the catalog
 * per database, and — unless it is a dry run — the plans written. Runs on a crawl thread; nothing here is shared
 * between crawls.
 */
final class CrawlExecution {
    private final Catalog catalog;
    private final ConnectionService connections;
    private final ClassifierLookup classifiers;
    private final S3Config s3;
    private final CrawlersConfig config;
    private final Clock clock;

    CrawlExecution(Catalog catalog, ConnectionService connections, ClassifierLookup classifiers, S3Config s3,
                   CrawlersConfig config, Clock clock) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.connections = requireNonNull(connections, "connections");
        this.classifiers = requireNonNull(classifiers, "classifiers");
        this.s3 = requireNonNull(s3, "s3");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Where a crawl's findings go: one database, the tables found for it, and the scope its deletions cover. */
    private record Destination(String database, List<DiscoveredTable> tables, List<String> scope) {
        Destination(String database) {
            this(database, new ArrayList<>(), new ArrayList<>());
        }
    }

    CrawlOutcome plan(Crawler crawler, CrawlProgress progress, BooleanSupplier stopRequested) throws IOException {
        CrawlerSettings settings = CrawlerSettings.of(crawler);
        Instant now = clock.instant();
        Configuration hadoop = HadoopConfigurations.forServer(s3);
        FileClassifier classifier = new FileClassifier(hadoop, settings.classifierOptions(),
                crawler.hasClassifiers() && !crawler.classifiers().isEmpty()
                        ? new CustomClassifiers(classifiers.byNames(crawler.classifiers()))
                        : CustomClassifiers.none());
        Map<String, Destination> destinations = new LinkedHashMap<>();
        Destination own = destinations.computeIfAbsent(settings.database(), Destination::new);
        List<FileProblem> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long[] counts = new long[3];
        EarlierCrawls earlier = earlierCrawls(settings.database(), crawler.name(), settings.newFoldersOnly());

        int i = 0;
        for (S3Target target : crawler.targets().s3Targets()) {
            FileTarget fileTarget = fileTarget(target.path(), target.exclusions(), target.sampleSize(),
                    "Targets.S3Targets[" + i++ + "]");
            FileDiscovery discovery = new FileDiscovery(classifier, new FileDiscovery.Settings(settings.tableLevel(),
                    settings.combineCompatible(), config.readers(), stopRequested, progress));
            FileDiscoveryResult found = discover(discovery, fileTarget, earlier, hadoop);
            own.tables().addAll(found.tables());
            own.scope().add(fileTarget.location());
            collect(found, problems, notes, counts);
        }
        i = 0;
        for (JdbcTarget target : crawler.targets().jdbcTargets()) {
            progress.phase(CrawlProgress.Phase.LISTING);
            try (Connection connection = connections.openJdbc(target.connectionName())) {
                own.tables().addAll(JdbcDiscovery.discover(connection, target, i));
            } catch (SQLException e) {
                throw GlueException.invalidInput("Targets.JdbcTargets[%d]: %s", i, e.getMessage());
            }
            own.scope().add(jdbcScope(target.path()));
            i++;
        }
        for (CatalogTarget target : crawler.targets().catalogTargets()) {
            String database = target.databaseName().toLowerCase(Locale.ROOT);
            Destination destination = destinations.computeIfAbsent(database, Destination::new);
            for (String tableName : target.tables()) {
                Table table = catalog.tables().getTable(GetTableRequest.builder().databaseName(database)
                        .name(tableName).build()).table();
                String location = table.storageDescriptor() == null ? null : table.storageDescriptor().location();
                if (location == null || location.isBlank()) {
                    throw GlueException.invalidInput("CatalogTargets: table %s.%s has no location to crawl.",
                            database, tableName);
                }
                FileTarget fileTarget = fileTarget(location, List.of(), null, "CatalogTargets " + database + "."
                        + tableName);
                // The table is rooted where it is: at its location, whatever lies below.
                FileDiscovery discovery = new FileDiscovery(classifier, new FileDiscovery.Settings(
                        fileTarget.depth(), true, config.readers(), stopRequested, progress));
                FileDiscoveryResult found = discover(discovery, fileTarget, EarlierCrawls.NONE, hadoop);
                for (DiscoveredTable t : found.tables()) {
                    destination.tables().add(t.location().equals(fileTarget.location())
                            || t.location().equals(fileTarget.location() + "/") ? renamed(t, table.name()) : t);
                }
                destination.scope().add(fileTarget.location());
                collect(found, problems, notes, counts);
            }
        }
        progress.phase(CrawlProgress.Phase.PLANNING);
        List<CrawlPlan> plans = new ArrayList<>();
        for (Destination d : destinations.values()) {
            if (d.tables().isEmpty() && d.scope().isEmpty()) {
                continue;
            }
            plans.add(CrawlPlanner.plan(d.database(), d.tables(), new CatalogSnapshot(catalog, d.database()),
                    settings.policy(crawler.name(), d.scope(), now)));
        }
        return new CrawlOutcome(plans, problems, notes, counts[0], counts[1], counts[2]);
    }

    /**
     * Writes the plans, each write allowed by {@code credential} (the crawl's own); stops between tables when asked.
     *
     * @return false if it stopped before the end
     */
    boolean write(CrawlOutcome outcome, BooleanSupplier stopRequested, CrawlProgress progress,
                  GlueOperations.Guard credential) {
        progress.phase(CrawlProgress.Phase.WRITING);
        CatalogWriter writer = new CatalogWriter(catalog, credential);
        for (CrawlPlan plan : outcome.plans()) {
            String database = plan.tables().isEmpty() ? null : plan.tables().get(0).database();
            if (database == null) {
                continue;
            }
            if (writer.write(plan, database, stopRequested, progress) < plan.tables().size()) {
                return false;
            }
        }
        return true;
    }

    private FileDiscoveryResult discover(FileDiscovery discovery, FileTarget target, EarlierCrawls earlier,
                                         Configuration hadoop) throws IOException {
        try (FileSystem fs = FileSystem.newInstance(target.readPath().toUri(), hadoop)) {
            return discovery.discover(fs, target, earlier);
        }
    }

    private static void collect(FileDiscoveryResult found, List<FileProblem> problems, List<String> notes,
                                long[] counts) {
        problems.addAll(found.problems());
        notes.addAll(found.notes());
        counts[0] += found.filesListed();
        counts[1] += found.filesRead();
        counts[2] += found.bytesRead();
    }

    private static DiscoveredTable renamed(DiscoveredTable t, String name) {
        return new DiscoveredTable(name, t.location(), t.classification(), t.columns(), t.partitionKeys(),
                t.storageFormat(), t.parameters(), t.columnNotes(), t.partitions(), t.reason());
    }

    /**
     * An include path as a catalog location and as Hadoop reads it: {@code s3://} and {@code s3a://} stay as
     * written (read through S3A); a local path, absolute or {@code file:}, becomes {@code file:///…}.
     */
    static FileTarget fileTarget(String path, List<String> exclusions, Integer sampleSize, String field) {
        String location;
        org.apache.hadoop.fs.Path read;
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("s3://") || lower.startsWith("s3a://")) {
            location = path;
            read = new org.apache.hadoop.fs.Path("s3a://" + path.substring(path.indexOf("://") + 3));
        } else if (lower.startsWith("file:") || path.startsWith("/")) {
            Path local = lower.startsWith("file:") ? Path.of(URI.create(path.startsWith("file:///") ? path
                    : "file://" + path.substring("file:".length()))) : Path.of(path);
            if (!local.isAbsolute()) {
                throw GlueException.invalidInput("%s.Path must be an absolute local path, not %s.", field, path);
            }
            location = "file://" + local.normalize() + (path.endsWith("/") ? "/" : "");
            read = new org.apache.hadoop.fs.Path(local.normalize().toUri());
        } else {
            throw GlueException.invalidInput("%s.Path must be s3://bucket/prefix, s3a://…, file:///… or an absolute"
                    + " local path, not %s.", field, path);
        }
        return new FileTarget(location, read, GlueGlob.compileAll(field, exclusions), sampleSize);
    }

    /** The locations below which a JDBC target's tables lie: {@code db.schema.} for {@code db/schema/%}. */
    private static String jdbcScope(String path) {
        List<String> fixed = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.contains("%")) {
                return String.join(".", fixed) + ".";
            }
            fixed.add(part);
        }
        return String.join(".", fixed);
    }

    /**
     * The crawler's tables in the catalog (which keep their roots) and, for an incremental crawl, every folder and
     * file they hold (which are not read again).
     */
    private EarlierCrawls earlierCrawls(String database, String crawlerName, boolean newFoldersOnly) {
        CatalogSnapshot snapshot = new CatalogSnapshot(catalog, database);
        Set<String> known = new HashSet<>();
        List<EarlierCrawls.ExistingRoot> roots = new ArrayList<>();
        for (Table t : snapshot.tables()) {
            if (!t.hasParameters() || !crawlerName.equals(t.parameters().get("UPDATED_BY_CRAWLER"))
                    || t.storageDescriptor() == null || t.storageDescriptor().location() == null) {
                continue;
            }
            roots.add(new EarlierCrawls.ExistingRoot(t.name(), t.storageDescriptor().location(),
                    t.partitionKeys().stream().map(software.amazon.awssdk.services.glue.model.Column::name).toList()));
            if (!newFoldersOnly) {
                continue;
            }
            if (t.partitionKeys().isEmpty()) {
                known.add(t.storageDescriptor().location());
                continue;
            }
            for (Partition p : snapshot.partitions(t.name())) {
                if (p.storageDescriptor() != null && p.storageDescriptor().location() != null) {
                    known.add(p.storageDescriptor().location());
                }
            }
        }
        return new EarlierCrawls(known, roots);
    }

}
