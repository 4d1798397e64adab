package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.mortar.server.jobs.ClusterResources.Worker;
import io.mortar.server.jobs.ExecutorFitter.ExecutorFit;
import io.mortar.server.jobs.StandaloneMasterProbe.Workers;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How executors are fitted to the workers of a standalone cluster, and what the run's log is told. */
class ExecutorFitterTest {
    private static final String MASTER = "spark://127.0.0.1:7077";
    private static final URI STATUS = URI.create("http://127.0.0.1:8080/json/");
    /** G.1X × 2, as RunCapacity maps it. */
    private static final Map<String, String> G1X_TWO = new RunCapacity("G.1X", 2, null).sparkConf();

    private static Workers workers(Worker... workers) {
        return new Workers(STATUS, new ClusterResources(List.of(workers)));
    }

    private static ExecutorFit fit(Map<String, String> conf, String wantedBy, Worker... workers) {
        return ExecutorFitter.fitToWorkers(conf, wantedBy, MASTER, workers(workers));
    }

    @Test
    void aG1xExecutorOnOneCoreOneGigabyteWorkersIsSizedToTheWorkerAndSaysSo() {
        ExecutorFit fit = fit(G1X_TWO, "WorkerType G.1X", new Worker(1, 1024), new Worker(1, 1024));

        assertThat(fit.conf()).containsOnly(entry("spark.executor.memory", "1g"), entry("spark.executor.cores", "1"),
                entry("spark.executor.instances", "1"), entry("spark.cores.max", "1"));
        assertThat(fit.note()).contains("WorkerType G.1X wants 10g executors with 4 cores; the largest worker of"
                + " spark://127.0.0.1:7077 offers 1g and 1 core: executors sized 1g/1 core");
    }

    @Test
    void executorsThatFitAreLeftAsAskedWithoutANote() {
        ExecutorFit fit = fit(G1X_TWO, "WorkerType G.1X", new Worker(2, 4096), new Worker(8, 16384));

        assertThat(fit.conf()).isEqualTo(G1X_TWO);
        assertThat(fit.note()).isEmpty();
    }

    @Test
    void asManyExecutorsAreAskedForAsBeforeEachWithTheCoresItNowHas() {
        Map<String, String> tenWorkers = new RunCapacity("G.2X", 10, null).sparkConf(); // 9 × 20g/8 cores, 72 cores

        ExecutorFit fit = fit(tenWorkers, "WorkerType G.2X", new Worker(2, 6144), new Worker(4, 3072));

        assertThat(fit.conf()).contains(entry("spark.executor.memory", "6g"), entry("spark.executor.cores", "2"),
                entry("spark.cores.max", "18"), entry("spark.executor.instances", "9"));
        assertThat(fit.note()).contains("WorkerType G.2X wants 20g executors with 8 cores; the largest worker of"
                + " spark://127.0.0.1:7077 offers 6g and 2 cores: executors sized 6g/2 cores");
    }

    @Test
    void theLargestWorkerIsTheOneHoldingTheBiggestExecutorMemoryFirst() {
        Map<String, String> conf = Map.of("spark.executor.memory", "4g", "spark.executor.cores", "4");

        assertThat(fit(conf, "X", new Worker(8, 1024), new Worker(1, 2048)).conf())
                .contains(entry("spark.executor.memory", "2g"), entry("spark.executor.cores", "1"));
        assertThat(fit(conf, "X", new Worker(1, 8192), new Worker(4, 8192)).note())
                .as("both hold the memory; the one with the cores fits fully").isEmpty();
        assertThat(fit(conf, "X", new Worker(2, 1536)).conf()).contains(entry("spark.executor.memory", "1536m"),
                entry("spark.executor.cores", "2"));
    }

    @Test
    void onlyMemoryIsCappedWhenExecutorsTakeAllOfAWorkersCores() {
        ExecutorFit defaults = fit(Map.of(), "Spark's default", new Worker(2, 512));

        assertThat(defaults.conf()).containsOnly(entry("spark.executor.memory", "512m"));
        assertThat(defaults.note()).contains("Spark's default wants 1g executors; the largest worker of"
                + " spark://127.0.0.1:7077 offers 512m and 2 cores: executors sized 512m");
        assertThat(fit(Map.of("spark.cores.max", "3"), "X", new Worker(1, 2048)).note())
                .as("Spark's 1g default fits").isEmpty();
    }

    @Test
    void sizesAreReadAsSparkReadsThem() {
        assertThat(ExecutorFitter.megabytes("10g")).contains(10240L);
        assertThat(ExecutorFitter.megabytes("10G")).contains(10240L);
        assertThat(ExecutorFitter.megabytes("1536")).as("MiB without a unit").contains(1536L);
        assertThat(ExecutorFitter.megabytes("2gb")).contains(2048L);
        assertThat(ExecutorFitter.megabytes("1t")).contains(1024L * 1024);
        assertThat(ExecutorFitter.megabytes("524288k")).contains(512L);
        assertThat(ExecutorFitter.megabytes("1073741824b")).contains(1024L);
        assertThat(ExecutorFitter.megabytes("1.5g")).isEmpty();
        assertThat(ExecutorFitter.megabytes("lots")).isEmpty();
        assertThat(ExecutorFitter.megabytes("99999999999999999p")).isEmpty();
        assertThat(ExecutorFitter.size(1024)).isEqualTo("1g");
        assertThat(ExecutorFitter.size(1536)).isEqualTo("1536m");
    }

    @Test
    void settingsSparkCannotReadAreLeftForSparkToRefuse() {
        Map<String, String> conf = Map.of("spark.executor.memory", "1.5g", "spark.executor.cores", "4");

        assertThat(fit(conf, "X", new Worker(1, 1024))).isEqualTo(new ExecutorFit(conf, Optional.empty()));
        Map<String, String> badCores = Map.of("spark.executor.memory", "10g", "spark.executor.cores", "four");
        assertThat(fit(badCores, "X", new Worker(1, 1024)).note()).isEmpty();
    }

    @Test
    void aClusterWithoutAliveWorkersFailsTheRunNamingTheSizesAndTheMaster() {
        assertThatThrownBy(() -> fit(G1X_TWO, "WorkerType G.1X"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Spark master spark://127.0.0.1:7077 has no alive worker (its status at"
                        + " http://127.0.0.1:8080/json/ lists none), so the run's executors (WorkerType G.1X wants 10g"
                        + " executors with 4 cores) could never start. Start workers for it, or run jobs on a local"
                        + " master.");
    }

    @Test
    void workersTooSmallForAnyExecutorFailTheRunInsteadOfStartingExecutorsThatCannotRun() {
        assertThatThrownBy(() -> fit(G1X_TWO, "WorkerType G.1X", new Worker(4, 256)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("WorkerType G.1X wants 10g executors with 4 cores; the largest worker of"
                        + " spark://127.0.0.1:7077 offers 256m and 4 cores, less than the 450m a Spark executor needs,"
                        + " so no executor could start. Give the workers more memory.");
        assertThat(fit(Map.of("spark.executor.memory", "300m"), "X", new Worker(1, 256)).conf())
                .as("asked for less than that: Spark's own error, not Mortar's")
                .containsEntry("spark.executor.memory", "256m");
    }

    @Test
    void aMasterWhoseStatusCannotBeReadGetsTheSizesAsAskedAndTheLogSaysSo() {
        StandaloneMasterProbe unreachable = new StandaloneMasterProbe(MASTER,
                List.of(URI.create("http://127.0.0.1:1/")));
        Map<String, String> conf = new LinkedHashMap<>(G1X_TWO);

        ExecutorFit fit = new ExecutorFitter(MASTER, unreachable::ask).fit(conf, "WorkerType G.1X");

        assertThat(fit.conf()).isEqualTo(G1X_TWO);
        assertThat(fit.note()).hasValueSatisfying(note -> assertThat(note)
                .startsWith("The status of the Spark master spark://127.0.0.1:7077 could not be read"
                        + " (http://127.0.0.1:1/json/: ")
                .endsWith("): executors are sized as asked (WorkerType G.1X wants 10g executors with 4 cores),"
                        + " and the run waits for a worker that can hold one. Set mortar.jobs.master-web-ui to the"
                        + " master's web UI to have executors fitted to its workers."));
    }
}
