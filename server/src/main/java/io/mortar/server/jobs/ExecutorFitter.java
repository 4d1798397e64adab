package io.mortar.server.jobs;

import static java.util.Objects.requireNonNull;

import io.mortar.server.jobs.ClusterResources.Worker;
import io.mortar.server.jobs.StandaloneMasterProbe.NoAnswer;
import io.mortar.server.jobs.StandaloneMasterProbe.Workers;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fits a run's executors to the Spark standalone cluster it runs on. Glue's worker types ask for executors that a
 * small cluster cannot hold (G.1X: 10g with 4 cores), and a standalone master never starts an executor bigger than
 * every worker: the run would wait for one until its Timeout. So executors are capped to what the largest alive
 * worker offers (memory first, then cores), and the run's log says so. A cluster with no alive worker fails the run
 * at once. When the master's status cannot be read, the sizes stay as asked and the log says that instead.
 */
final class ExecutorFitter {
    static final String MEMORY = "spark.executor.memory";
    static final String CORES = "spark.executor.cores";
    static final String MAX_CORES = "spark.cores.max";
    /** Spark's executor heap when nothing sets one. */
    static final long DEFAULT_MEMORY_MB = 1024;
    /** The smallest heap an executor starts with: Spark wants 1.5 × the 300 MiB it reserves. */
    static final long MIN_MEMORY_MB = 450;
    /** Spark's size syntax ({@code JavaUtils.byteStringAs}); without a unit, executor memory is in MiB. */
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([a-z]+)?");

    /** The Spark settings to launch with, and the line for the run's log that explains them, if any. */
    record ExecutorFit(Map<String, String> conf, Optional<String> note) {}

    private final String master;
    private final Supplier<StandaloneMasterProbe.Answer> cluster;

    /**
     * @param master the {@code spark://} master the runs go to
     * @param cluster that master's workers now ({@link StandaloneMasterProbe#ask})
     */
    ExecutorFitter(String master, Supplier<StandaloneMasterProbe.Answer> cluster) {
        this.master = requireNonNull(master, "master");
        this.cluster = requireNonNull(cluster, "cluster");
    }

    /**
     * The settings fitted to the cluster as it is now.
     *
     * @param wantedBy who asked for the executor sizes in {@code conf}, for the log: "WorkerType G.1X"
     * @throws IllegalStateException when the cluster cannot start any executor: no alive worker, or none with the
     *     memory an executor needs
     */
    ExecutorFit fit(Map<String, String> conf, String wantedBy) {
        StandaloneMasterProbe.Answer answer = cluster.get();
        if (answer instanceof Workers workers) {
            return fitToWorkers(conf, wantedBy, master, workers);
        }
        String reason = ((NoAnswer) answer).reason();
        return new ExecutorFit(conf, Optional.of(String.format("The status of the Spark master %s could not be read"
                + " (%s): executors are sized as asked (%s wants %s), and the run waits for a worker that can hold"
                + " one. Set mortar.jobs.master-web-ui to the master's web UI to have executors fitted to its"
                + " workers.", master, reason, wantedBy, wanted(conf))));
    }

    static ExecutorFit fitToWorkers(Map<String, String> conf, String wantedBy, String master, Workers workers) {
        if (workers.resources().aliveWorkers().isEmpty()) {
            throw new IllegalStateException(String.format("The Spark master %s has no alive worker (its status at %s"
                    + " lists none), so the run's executors (%s wants %s) could never start. Start workers for it,"
                    + " or run jobs on a local master.", master, workers.statusUrl(), wantedBy, wanted(conf)));
        }
        Optional<Long> wantedMb = megabytes(conf.getOrDefault(MEMORY, DEFAULT_MEMORY_MB + "m"));
        // no cores set: an executor takes all of its worker's, which always fit
        Optional<Integer> wantedCores = conf.containsKey(CORES) ? whole(conf.get(CORES)) : Optional.empty();
        if (wantedMb.isEmpty() || conf.containsKey(CORES) && wantedCores.isEmpty()) {
            return new ExecutorFit(conf, Optional.empty()); // not Spark's syntax: Spark itself says so, at once
        }
        long memory = wantedMb.get();
        Integer cores = wantedCores.orElse(null);
        Worker largest = workers.resources().aliveWorkers().stream()
                .max(Comparator.<Worker>comparingLong(w -> Math.min(memory, w.memoryMb()))
                        .thenComparingInt(w -> cores == null ? w.cores() : Math.min(cores, w.cores())))
                .orElseThrow();
        long fittedMemory = Math.min(memory, largest.memoryMb());
        Integer fittedCores = cores == null ? null : Math.min(cores, largest.cores());
        if (fittedMemory == memory && (cores == null || fittedCores.equals(cores))) {
            return new ExecutorFit(conf, Optional.empty());
        }
        String offer = String.format("the largest worker of %s offers %s and %s", master, size(largest.memoryMb()),
                coreCount(largest.cores()));
        if (fittedMemory < MIN_MEMORY_MB && memory >= MIN_MEMORY_MB) { // (a smaller ask is Spark's to refuse)
            throw new IllegalStateException(String.format("%s wants %s; %s, less than the %s a Spark executor"
                    + " needs, so no executor could start. Give the workers more memory.", wantedBy,
                    executors(memory, cores), offer, size(MIN_MEMORY_MB)));
        }
        Map<String, String> fitted = new LinkedHashMap<>(conf);
        fitted.put(MEMORY, size(fittedMemory));
        if (cores != null) {
            fitted.put(CORES, Integer.toString(fittedCores));
            // as many executors as asked for, each with the cores it now has
            whole(conf.getOrDefault(MAX_CORES, "")).ifPresent(max -> fitted.put(MAX_CORES,
                    Integer.toString(Math.max(1, max / cores) * fittedCores)));
        }
        return new ExecutorFit(fitted, Optional.of(String.format("%s wants %s; %s: executors sized %s",
                wantedBy, executors(memory, cores), offer,
                size(fittedMemory) + (fittedCores == null ? "" : "/" + coreCount(fittedCores)))));
    }

    /** "10g executors with 4 cores", or "1g executors" when each takes all of its worker's cores. */
    private static String executors(long memoryMb, Integer cores) {
        return size(memoryMb) + " executors" + (cores == null ? "" : " with " + coreCount(cores));
    }

    /** The same from settings that may not parse, as they are written then. */
    private static String wanted(Map<String, String> conf) {
        String memory = conf.getOrDefault(MEMORY, size(DEFAULT_MEMORY_MB));
        memory = megabytes(memory).map(ExecutorFitter::size).orElse(memory);
        if (!conf.containsKey(CORES)) {
            return memory + " executors";
        }
        String cores = conf.get(CORES);
        return memory + " executors with " + whole(cores).map(ExecutorFitter::coreCount).orElse(cores + " cores");
    }

    private static String coreCount(int cores) {
        return cores + (cores == 1 ? " core" : " cores");
    }

    /** A size in MiB as Spark writes it: {@code 10g}, {@code 1536m}. */
    static String size(long megabytes) {
        return megabytes % 1024 == 0 ? megabytes / 1024 + "g" : megabytes + "m";
    }

    /** A Spark memory size in MiB (whole MiB, rounded down), or empty when it is not one. */
    static Optional<Long> megabytes(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "m" : m.group(2);
        try {
            return switch (unit) {
                case "b" -> Optional.of(value >> 20);
                case "k", "kb" -> Optional.of(value >> 10);
                case "m", "mb" -> Optional.of(value);
                case "g", "gb" -> Optional.of(Math.multiplyExact(value, 1024L));
                case "t", "tb" -> Optional.of(Math.multiplyExact(value, 1024L * 1024));
                case "p", "pb" -> Optional.of(Math.multiplyExact(value, 1024L * 1024 * 1024));
                default -> Optional.empty();
            };
        } catch (ArithmeticException e) {
            return Optional.empty(); // more than Spark counts in a long either
        }
    }

    private static Optional<Integer> whole(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
