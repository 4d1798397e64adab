package io.mortar.server.config;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * How many job drivers the server runs at once. Every driver is a JVM on this machine (client mode, whatever the
 * master), so the machine bounds them twice: by cores (a driver's start-up alone keeps a core busy for seconds)
 * and by memory (each reserves its heap and Spark's overhead). Runs beyond the capacity wait in the queue
 * (WAITING) and start in order as drivers end.
 *
 * @param maxDrivers drivers at once by cores ({@code mortar.jobs.max-drivers}; default: the machine's cores)
 * @param memoryBudgetBytes memory all drivers together may reserve ({@code mortar.jobs.memory-budget}; default:
 *     three quarters of the machine's memory)
 * @param bytesPerDriver what one driver reserves: its heap ({@code mortar.jobs.driver-memory}, or 1g when the JVM
 *     picks) plus Spark's driver overhead, 10 % of the heap and at least 384m
 *
 * <p>A Python shell job's run is no Spark driver: a small JVM (its {@value #PYTHON_SHELL_HEAP} heap fetches the
 * script and reports the run's status) beside a Python process. It reserves {@link #PYTHON_SHELL_BYTES}, the 1 GB
 * Glue gives a 0.0625-DPU Python shell job, or a Spark driver's reservation when that is smaller, so it always fits
 * wherever a driver does; it takes a place among {@code maxDrivers} like any run.
 */
public record DriverCapacity(int maxDrivers, long memoryBudgetBytes, long bytesPerDriver) {
    private static final long MIB = 1024L * 1024;
    /** What a driver without {@code -Xmx} is counted as: Spark's default driver memory. */
    private static final long DEFAULT_DRIVER_HEAP = 1024 * MIB;
    private static final long MIN_OVERHEAD = 384 * MIB;
    /** The heap of a Python shell run's JVM, which only fetches files and waits for its Python process. */
    public static final String PYTHON_SHELL_HEAP = "256m";
    /** What a Python shell run reserves: its JVM and its Python process, as much as Glue's smallest shell job has. */
    public static final long PYTHON_SHELL_BYTES = 1024 * MIB;

    public DriverCapacity {
        if (maxDrivers < 1) {
            throw new ConfigException("mortar.jobs.max-drivers must be at least 1, not " + maxDrivers);
        }
        if (memoryBudgetBytes < bytesPerDriver) {
            throw new ConfigException(String.format(Locale.ROOT, "mortar.jobs.memory-budget (%s) must hold at least"
                    + " one driver (%s: its heap and Spark's overhead)", size(memoryBudgetBytes), size(bytesPerDriver)));
        }
    }

    /**
     * The capacity from the settings, each missing one taken from the machine.
     *
     * @param maxDrivers null for the machine's cores
     * @param memoryBudget in bytes; null for three quarters of the machine's memory
     * @param driverMemory the drivers' heap, as {@code mortar.jobs.driver-memory} ({@link ByteSize}); null when the
     *     JVM picks
     */
    public static DriverCapacity of(Integer maxDrivers, Long memoryBudget, String driverMemory) {
        long heap = driverMemory == null ? DEFAULT_DRIVER_HEAP : ByteSize.parse(driverMemory);
        return new DriverCapacity(maxDrivers != null ? maxDrivers : Runtime.getRuntime().availableProcessors(),
                memoryBudget != null ? memoryBudget : machineMemory() / 4 * 3,
                heap + Math.max(MIN_OVERHEAD, heap / 10));
    }

    /** Drivers at once: the smaller of the two bounds. */
    public int slots() {
        return (int) Math.min(maxDrivers, memoryBudgetBytes / bytesPerDriver);
    }

    /** What one run reserves of the memory budget: a Spark driver's, or a Python shell run's. */
    public long bytesFor(boolean pythonShell) {
        return pythonShell ? Math.min(PYTHON_SHELL_BYTES, bytesPerDriver) : bytesPerDriver;
    }

    /**
     * Whether one more run of {@code bytes} fits beside {@code runsInUse} runs that reserve {@code bytesInUse}
     * together. With Spark drivers alone this is {@code runsInUse < }{@link #slots()}.
     */
    public boolean hasRoomFor(int runsInUse, long bytesInUse, long bytes) {
        return runsInUse < maxDrivers && bytesInUse + bytes <= memoryBudgetBytes;
    }

    /** One line for the server's start and a waiting run's StateDetail. */
    public String describe() {
        return String.format(Locale.ROOT, "%d driver(s) at once (mortar.jobs.max-drivers %d; mortar.jobs.memory-budget"
                + " %s at %s per driver)", slots(), maxDrivers, size(memoryBudgetBytes), size(bytesPerDriver));
    }

    /** A size for people: whole megabytes are plenty for memory budgets. */
    private static String size(long bytes) {
        return ByteSize.format(bytes / MIB * MIB);
    }

    private static long machineMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4; // no platform bean: assume the JVM's default quarter
    }
}
