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
 */
public record DriverCapacity(int maxDrivers, long memoryBudgetBytes, long bytesPerDriver) {
    private static final long MIB = 1024L * 1024;
    /** What a driver without {@code -Xmx} is counted as: Spark's default driver memory. */
    private static final long DEFAULT_DRIVER_HEAP = 1024 * MIB;
    private static final long MIN_OVERHEAD = 384 * MIB;

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
     * @param memoryBudget a size such as {@code 12g}; null for three quarters of the machine's memory
     * @param driverMemory the drivers' heap, as {@code mortar.jobs.driver-memory}; null when the JVM picks
     */
    public static DriverCapacity of(Integer maxDrivers, String memoryBudget, String driverMemory) {
        long heap = driverMemory == null ? DEFAULT_DRIVER_HEAP : bytes(driverMemory);
        return new DriverCapacity(maxDrivers != null ? maxDrivers : Runtime.getRuntime().availableProcessors(),
                memoryBudget != null ? bytes(memoryBudget) : machineMemory() / 4 * 3,
                heap + Math.max(MIN_OVERHEAD, heap / 10));
    }

    /** Drivers at once: the smaller of the two bounds. */
    public int slots() {
        return (int) Math.min(maxDrivers, memoryBudgetBytes / bytesPerDriver);
    }

    /** One line for the server's start and a waiting run's StateDetail. */
    public String describe() {
        return String.format(Locale.ROOT, "%d driver(s) at once (mortar.jobs.max-drivers %d; mortar.jobs.memory-budget"
                + " %s at %s per driver)", slots(), maxDrivers, size(memoryBudgetBytes), size(bytesPerDriver));
    }

    /**
     * A size as Java's {@code -Xmx} and Spark write it: a number with an optional k, m, g or t.
     *
     * @throws IllegalArgumentException for anything else, or a size beyond a long
     */
    static long bytes(String size) {
        String text = size.strip().toLowerCase(Locale.ROOT);
        if (!text.matches("\\d{1,18}[kmgt]?")) {
            throw new IllegalArgumentException("not a size: " + size);
        }
        char unit = text.charAt(text.length() - 1);
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        long value = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1));
        if (value > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("too large: " + size);
        }
        return value << shift;
    }

    private static String size(long bytes) {
        return bytes % (1024 * MIB) == 0 ? bytes / (1024 * MIB) + "g" : bytes / MIB + "m";
    }

    private static long machineMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory() * 4; // no platform bean: assume the JVM's default quarter
    }
}
