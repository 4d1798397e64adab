package io.mortar.bench.jobs;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Glue script benchmark's input, written once to a local folder and kept for later runs: {@code orders/}, N
 * order rows as CSV with a header over {@value #FILES} files, and {@code regions.csv}, the small frame they are
 * joined with. Seeded, so every run reads the same bytes. One {@code amount} in {@value #UNKNOWN_EVERY} is the text
 * {@code unknown}, so the column is a choice of double and string, which the job resolves (ResolveChoice).
 */
final class GlueScriptData {
    static final int FILES = 40;
    static final int REGIONS = 16;
    static final int UNKNOWN_EVERY = 1000;
    private static final String[] STATUSES = {"PENDING", "PAID", "SHIPPED", "DELIVERED", "RETURNED"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "JP"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final String COMPLETE = "_COMPLETE";

    private GlueScriptData() {}

    static Path orders(Path folder) {
        return folder.resolve("orders");
    }

    static Path regions(Path folder) {
        return folder.resolve("regions.csv");
    }

    /** Writes the data set into {@code folder} unless a complete one of {@code rows} rows is there already. */
    static void ensure(Path folder, long rows, long seed) throws IOException {
        Path marker = folder.resolve(COMPLETE);
        String expected = rows + " rows, seed " + seed;
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(expected)) {
            return;
        }
        if (Files.exists(folder)) {
            org.apache.commons.io.FileUtils.deleteDirectory(folder.toFile());
        }
        Files.createDirectories(orders(folder));
        SplittableRandom random = new SplittableRandom(seed);
        long perFile = (rows + FILES - 1) / FILES;
        for (int file = 0; file < FILES; file++) {
            long first = file * perFile;
            long last = Math.min(rows, first + perFile);
            try (BufferedWriter out = Files.newBufferedWriter(orders(folder).resolve(String.format("part-%05d.csv", file)))) {
                out.write("order_id,customer_id,region_code,amount,quantity,status,order_date\n");
                for (long id = first; id < last; id++) {
                    out.write(orderLine(id, random));
                }
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(regions(folder))) {
            out.write("region_code,region_name,country\n");
            for (int r = 0; r < REGIONS; r++) {
                out.write(String.format(Locale.ROOT, "%s,region-%02d,%s%n", regionCode(r), r, COUNTRIES[r % COUNTRIES.length]));
            }
        }
        Files.writeString(marker, expected);
    }

    /** One order: plain concatenation, as String.format would make writing millions of rows slow. */
    static String orderLine(long id, SplittableRandom random) {
        int cents = random.nextInt(1, 100_000);
        String amount = random.nextInt(UNKNOWN_EVERY) == 0 ? "unknown"
                : cents / 100 + (cents % 100 < 10 ? ".0" : ".") + cents % 100;
        return id + "," + random.nextInt(100_000) + "," + regionCode(random.nextInt(REGIONS)) + "," + amount + ","
                + random.nextInt(1, 10) + "," + STATUSES[random.nextInt(STATUSES.length)] + ","
                + FIRST_DAY.plusDays(random.nextInt(366)) + "\n";
    }

    static String regionCode(int region) {
        return region < 10 ? "R0" + region : "R" + region;
    }
}
