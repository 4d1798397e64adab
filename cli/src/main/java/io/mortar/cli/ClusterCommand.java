package io.mortar.cli;

import io.mortar.cli.cluster.ClusterSpec;
import io.mortar.cli.cluster.ClusterStartException;
import io.mortar.cli.cluster.SparkJarsFolder;
import io.mortar.cli.cluster.StandaloneCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mortar cluster}: a Spark standalone Master and Workers on loopback, until interrupted. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Runs a Spark standalone cluster on 127.0.0.1 for local scale-out: a Master",
                "and Workers, each its own JVM, from Mortar's Spark jars (no Spark",
                "distribution needed). Point jobs at the spark:// master it prints.",
                "Stops every process on Ctrl-C."})
final class ClusterCommand implements Callable<Integer> {
    @Option(names = "--workers", paramLabel = "N", defaultValue = "" + ClusterSpec.DEFAULT_WORKERS,
            description = "number of Workers (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--cores", paramLabel = "N", defaultValue = "" + ClusterSpec.DEFAULT_CORES,
            description = "cores each Worker offers (default ${DEFAULT-VALUE})")
    int cores;

    @Option(names = "--memory", paramLabel = "SIZE", defaultValue = ClusterSpec.DEFAULT_MEMORY,
            description = "memory each Worker offers to executors, e.g. 512m, 2g (default ${DEFAULT-VALUE})")
    String memory;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7077",
            description = "Master port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--webui-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Master web UI port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int webUiPort;

    @Option(names = "--spark-jars", paramLabel = "DIR",
            description = "Spark jar folder (default $" + SparkJarsFolder.ENVIRONMENT_VARIABLE
                    + ", else runtime/target/jars of this build)")
    Path sparkJars;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "logs and Worker directories (default: a new temporary directory)")
    Path workDir;

    @Option(names = "--java-home", paramLabel = "DIR",
            description = "Java for the Spark processes, 17 or 21 (default: the one running mortar)")
    Path javaHome;

    @ParentCommand
    MortarCli parent;

    @Spec
    CommandSpec spec;

    /** What the flags ask for; a ConfigException (exit 2) naming the flag when one is unusable. */
    ClusterSpec clusterSpec() {
        ClusterSpec defaults = ClusterSpec.of(SparkJarsFolder.locate(sparkJars, parent.environment));
        return new ClusterSpec(defaults.sparkJars(), workers, cores, memory, port, webUiPort, workDir,
                javaHome == null ? defaults.javaHome() : javaHome, defaults.startTimeout());
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StandaloneCluster cluster;
        try {
            cluster = StandaloneCluster.start(clusterSpec());
        } catch (ClusterStartException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return 1;
        }
        CompletableFuture<String> stopped = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.complete(null);
            cluster.close();
        }, "mortar-cluster-shutdown"));
        out.println("Spark master: " + cluster.masterUrl());
        out.println("Web UI:       " + cluster.webUiUrl());
        out.println("Workers:      " + workers + " x " + cores + " core(s), " + memory);
        out.println("Logs:         " + cluster.workDir());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        String exit = CompletableFuture.anyOf(stopped, cluster.anyExit()).thenApply(String.class::cast).get();
        if (exit != null) { // a process died on its own: the cluster is no longer what was printed
            spec.commandLine().getErr().println("error: " + exit);
            cluster.close();
            return 1;
        }
        return 0;
    }
}
