package io.mortar.server.jobs;

import io.mortar.model.GlueException;
import io.mortar.store.jobs.StoredJobRun;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run is sized at, Glue's way: a worker type and count, or (the legacy form) a number of DPUs. It gives
 * the run's DPUs, which DPUSeconds bills, and the Spark executor settings the workers map to.
 *
 * @param workerType G.025X, G.1X, G.2X, G.4X, G.8X or Standard; null when sized by maxCapacity
 * @param numberOfWorkers workers including the driver's, as in Glue; null when sized by maxCapacity
 * @param maxCapacity DPUs; null when sized by workers
 */
public record RunCapacity(String workerType, Integer numberOfWorkers, Double maxCapacity) {
    /** Glue's default capacity: 10 DPUs. */
    public static final double DEFAULT_DPUS = 10;

    /** A stored run's sizing. */
    static RunCapacity of(StoredJobRun run) {
        return new RunCapacity(run.workerType(), run.numberOfWorkers(), run.maxCapacity());
    }

    /** The DPUs of one worker (1 DPU = 4 vCPUs and 16 GB). */
    static double dpusPerWorker(String workerType) {
        return switch (workerType) {
            case "G.025X" -> 0.25;
            case "G.1X", "Standard" -> 1;
            case "G.2X" -> 2;
            case "G.4X" -> 4;
            case "G.8X" -> 8;
            default -> throw GlueException.invalidInput("WorkerType %s is not supported for Spark jobs"
                    + " (G.025X, G.1X, G.2X, G.4X, G.8X).", workerType);
        };
    }

    /** The executor heap Glue gives each worker type (the rest of the worker's memory is overhead and the OS). */
    private static String executorMemory(String workerType) {
        return switch (workerType) {
            case "G.025X" -> "2g";
            case "Standard" -> "5g";
            case "G.1X" -> "10g";
            case "G.2X" -> "20g";
            case "G.4X" -> "40g";
            case "G.8X" -> "80g";
            default -> throw new IllegalArgumentException(workerType);
        };
    }

    public double dpus() {
        if (workerType != null) {
            return numberOfWorkers * dpusPerWorker(workerType);
        }
        return maxCapacity != null ? maxCapacity : DEFAULT_DPUS;
    }

    /** Billed DPU-seconds: DPUs × run time, with Glue's one-minute minimum. */
    public double dpuSeconds(int executionSeconds) {
        return dpus() * Math.max(60, executionSeconds);
    }

    /**
     * The Spark settings the workers map to: one executor per worker except the driver's, each with the worker's
     * cores (4 per DPU) and Glue's executor heap for the type. Nothing for a DPU-sized run: Spark's own defaults.
     * In local mode Spark ignores them; on a standalone cluster they size the executors.
     */
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        if (workerType == null) {
            return conf;
        }
        int cores = Math.max(1, (int) Math.round(4 * dpusPerWorker(workerType)));
        int executors = Math.max(1, numberOfWorkers - 1);
        conf.put("spark.executor.cores", Integer.toString(cores));
        conf.put("spark.executor.memory", executorMemory(workerType));
        conf.put("spark.executor.instances", Integer.toString(executors));
        conf.put("spark.cores.max", Integer.toString(executors * cores));
        return conf;
    }
}
