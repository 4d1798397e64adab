package io.mortar.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * The load benchmark (issue 12): many Glue clients at once against Mortar in this JVM over HTTP, with the AWS SDK's
 * GlueClient, on a table of {@code --partitions} partitions, in a mix of GetTable, GetPartitions with an Expression,
 * CreatePartition and UpdateTable without VersionId. Prints per backend throughput, p50/p99 per operation and
 * overall, errors by type, and how many acknowledged writes could not be found afterwards. See bench/README.md.
 */
public final class LoadBenchmark {
    private static final int LOADERS = 4;

    private final LoadOptions options;

    private LoadBenchmark(LoadOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        new LoadBenchmark(options).run();
        System.exit(0); // the SDK's and Jetty's non-daemon threads must not keep a finished benchmark alive
    }

    private void run() throws Exception {
        Map<MortarTarget.Backend, LoadReport.Outcome> outcomes = new LinkedHashMap<>();
        for (MortarTarget.Backend backend : options.backends()) {
            outcomes.put(backend, measure(backend));
        }
        new LoadReport(options, outcomes).print(System.out);
    }

    private LoadReport.Outcome measure(MortarTarget.Backend backend) throws Exception {
        MortarTarget target = MortarTarget.start(backend, options.pgUrl(), options.keep());
        try {
            return measure(backend, target);
        } finally {
            try {
                target.close();
            } catch (RuntimeException e) {
                // a store left behind must not cost the figures measured (PostgreSQL may refuse to drop a database
                // its autovacuum is still working in)
                Log.info("%s: could not clean up: %s", backend.label, e.getMessage());
            }
        }
    }

    private LoadReport.Outcome measure(MortarTarget.Backend backend, MortarTarget target) throws Exception {
        // a connection per client and a few spare, so that no request waits for a connection in the client
        try (GlueClient client = BenchTarget.client(target, options.clients() + 10)) {
            client.createDatabase(b -> b.databaseInput(d -> d.name(PartitionDataSet.DATABASE)));
            client.createTable(b -> b.databaseName(PartitionDataSet.DATABASE).tableInput(PartitionDataSet.table()));
            Log.info("%s: loading %,d partitions", backend.label, options.partitions());
            LoadResult load = new PartitionLoader(client, LOADERS, backend.label).load(0, options.partitions(), null);
            Log.info("%s: loaded in %.1f s; %d clients for %d + %d s", backend.label, load.seconds(), options.clients(),
                    options.warmupSeconds(), options.seconds());
            long initialVersion = Long.parseLong(client.getTable(b -> b.databaseName(PartitionDataSet.DATABASE)
                    .name(PartitionDataSet.TABLE)).table().versionId());

            AcknowledgedWrites acknowledged = new AcknowledgedWrites();
            LoadWorkload workload = new LoadWorkload(client, options.partitions(), acknowledged);
            String loadBefore = LoadAverage.now();
            LoadRun.Result result = new LoadRun(workload, options.mix(), options.clients())
                    .run(options.warmupSeconds(), options.seconds());
            String loadAfter = LoadAverage.now();
            Log.info("%s: %,d requests in %d s, auditing the acknowledged writes", backend.label, result.requests(),
                    options.seconds());
            AcknowledgedWrites.Audit audit = acknowledged.audit(client, initialVersion,
                    result.failures().getOrDefault(LoadOperation.UPDATE_TABLE, 0L));
            return new LoadReport.Outcome(result, audit, loadBefore, loadAfter, target.footprint());
        }
    }
}
