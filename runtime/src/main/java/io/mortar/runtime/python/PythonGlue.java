package io.mortar.runtime.python;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mortar.runtime.JobContext;
import io.mortar.runtime.MortarContext;
import io.mortar.runtime.ScriptRun;
import io.mortar.runtime.transform.ApplyMapping;
import io.mortar.runtime.transform.ResolveChoice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;

/**
 * What Mortar's Python {@code awsglue} package calls on the JVM beyond the runtime's own classes: the run's
 * context for the script's session, and the marshalling of Python values. Python hands options, mappings and
 * specs over as JSON text (as Glue's own Python layer hands its JVM side {@code JsonOptions}), so nested values
 * arrive as they were written whatever py4j would make of them.
 */
public final class PythonGlue {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonGlue() {}

    /** The run's context over the script's session (made by its first GlueContext). */
    public static JobContext job(SparkSession spark) {
        return ScriptRun.current().context(spark);
    }

    public static MortarContext context(SparkSession spark) {
        return job(spark).mortar();
    }

    /** The run's arguments as its command line had them: what {@code Job.init} checks the script's against. */
    public static String argumentsJson() {
        return write(ScriptRun.current().args().asMap());
    }

    /** A JSON object of options as the runtime takes them. */
    public static Map<String, Object> options(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON object of options: " + e.getMessage(), e);
        }
    }

    /** A JSON list of strings (paths, keys). */
    public static List<String> strings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON list of strings: " + e.getMessage(), e);
        }
    }

    /**
     * ApplyMapping's mappings from Glue's Python tuples, as a JSON list of lists: {@code (source, target)},
     * {@code (source, type, target)} or {@code (source, sourceType, target, targetType)}; three keeps the type
     * and two the source's type (Glue's Python accepts all three).
     */
    public static List<ApplyMapping.Mapping> mappings(String json) {
        List<ApplyMapping.Mapping> out = new ArrayList<>();
        List<List<String>> tuples;
        try {
            tuples = JSON.readValue(json, new TypeReference<List<List<String>>>() {});
        } catch (IOException e) {
            throw new IllegalArgumentException("mappings must be a list of tuples of strings: " + e.getMessage(), e);
        }
        for (List<String> t : tuples) {
            switch (t.size()) {
                case 4 -> out.add(ApplyMapping.mapping(t.get(0), t.get(1), t.get(2), t.get(3)));
                case 3 -> out.add(ApplyMapping.mapping(t.get(0), t.get(1), t.get(2), t.get(1)));
                case 2 -> out.add(ApplyMapping.mapping(t.get(0), null, t.get(1), null));
                default -> throw new IllegalArgumentException("A mapping is a tuple of 2, 3 or 4 strings, not "
                        + t.size() + ": " + t);
            }
        }
        return out;
    }

    /** ResolveChoice's specs from Glue's Python {@code [(path, action), …]}. */
    public static List<ResolveChoice.Spec> specs(String json) {
        List<ResolveChoice.Spec> out = new ArrayList<>();
        try {
            for (List<String> pair : JSON.readValue(json, new TypeReference<List<List<String>>>() {})) {
                if (pair.size() != 2) {
                    throw new IllegalArgumentException("A ResolveChoice spec is a (path, action) pair, not " + pair);
                }
                out.add(ResolveChoice.spec(pair.get(0), pair.get(1)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("specs must be a list of (path, action) pairs: " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code Job.commit()}: the run's bookmark moves past what its sources read, when the run succeeds. */
    public static void commit(SparkSession spark) {
        job(spark).bookmarks().commit();
    }

    /** Where a catalog table's files are ({@code purge_table}). */
    public static String tableLocation(SparkSession spark, String database, String table) {
        String location = context(spark).catalog().table(database, table).storageDescriptor().location();
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("The table " + database + "." + table + " has no location to purge");
        }
        return location;
    }

    /**
     * Glue's {@code purge_s3_path}: deletes the files below {@code path} last modified more than
     * {@code retentionHours} ago (0: all of them), through Hadoop's file systems, so local paths work too.
     */
    public static long purgePath(SparkSession spark, String path, double retentionHours) throws IOException {
        if (retentionHours < 0) {
            throw new IllegalArgumentException("retentionPeriod must be 0 or more hours, not " + retentionHours);
        }
        long cutoff = System.currentTimeMillis() - (long) (retentionHours * 3_600_000L);
        Path root = new Path(path);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(root)) {
            return 0;
        }
        long deleted = 0;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        List<Path> old = new ArrayList<>();
        while (files.hasNext()) {
            LocatedFileStatus file = files.next();
            if (retentionHours == 0 || file.getModificationTime() < cutoff) {
                old.add(file.getPath());
            }
        }
        for (Path file : old) {
            if (fs.delete(file, false)) {
                deleted++;
            }
        }
        return deleted;
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
