package io.mortar.runtime.io;

import java.util.Locale;
import java.util.Set;

/** The connection types sources and sinks take (Glue's names): files, or a database through JDBC. */
public final class ConnectionTypes {
    private static final Set<String> FILE = Set.of("s3", "file", "hdfs", "local");
    private static final Set<String> JDBC = Set.of("jdbc", "mysql", "postgresql", "sqlserver", "oracle", "redshift");

    private ConnectionTypes() {}

    /** A job's connection type as it is matched: trimmed, lower case, {@code s3} when absent. */
    public static String normalize(String connectionType) {
        return connectionType == null ? "s3" : connectionType.trim().toLowerCase(Locale.ROOT);
    }

    static boolean isFile(String type) {
        return FILE.contains(type);
    }

    public static boolean isJdbc(String type) {
        return JDBC.contains(type);
    }
}
