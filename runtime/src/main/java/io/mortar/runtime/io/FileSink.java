package io.mortar.runtime.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * Writes a DataFrame as files under a path, Hive-style {@code key=value/} folders per partition key, and says
 * which partition folders the path holds afterwards (for the catalog update).
 */
public final class FileSink {
    private final Configuration hadoop;

    public FileSink(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /** Where and how to write. {@code partitionKeys} are already the frame's own column names. */
    record Target(String path, DataFormat format, CsvOptions csv, List<String> partitionKeys, String compression,
                  SaveMode mode, java.util.Map<String, String> extraOptions) {}

    List<List<String>> write(Dataset<Row> df, Target target) {
        DataFrameWriter<Row> writer = df.write().mode(target.mode()).format(target.format().sparkSource());
        if (target.format() == DataFormat.CSV) {
            writer = writer.options(target.csv().sparkWriteOptions());
        }
        if (target.compression() != null && !target.compression().isBlank()) {
            writer = writer.option("compression", sparkCodec(target.format(), target.compression()));
        }
        writer = writer.options(target.extraOptions());
        if (!target.partitionKeys().isEmpty()) {
            writer = writer.partitionBy(target.partitionKeys().toArray(String[]::new));
        }
        writer.save(target.path());
        return partitionFolders(target.path(), target.partitionKeys());
    }

    /** Glue's codec names where Spark spells them differently for a format. */
    static String sparkCodec(DataFormat format, String compression) {
        String c = compression.trim().toLowerCase(Locale.ROOT);
        if (format == DataFormat.AVRO && c.equals("gzip")) {
            return "deflate";
        }
        if (format == DataFormat.ORC && c.equals("gzip")) {
            return "zlib";
        }
        return c;
    }

    /** The {@code k1=v1/k2=v2} folders under {@code path}, as values in key order (unescaped as Spark escapes). */
    public List<List<String>> partitionFolders(String path, List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Path root = new Path(path);
        StringBuilder pattern = new StringBuilder();
        for (String key : keys) {
            pattern.append(pattern.isEmpty() ? "" : "/").append(key).append("=*");
        }
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            FileStatus[] found = fs.globStatus(new Path(root, pattern.toString()));
            List<List<String>> out = new ArrayList<>();
            if (found == null) {
                return out;
            }
            for (FileStatus status : found) {
                if (!status.isDirectory()) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                Path p = status.getPath();
                for (int i = keys.size() - 1; i >= 0; i--, p = p.getParent()) {
                    String name = p.getName();
                    values.add(0, ExternalCatalogUtils.unescapePathName(name.substring(name.indexOf('=') + 1)));
                }
                out.add(values);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the partitions written under " + path + ": " + e.getMessage(), e);
        }
    }

    /** The folder of one partition under {@code path}, escaped as Spark names it. */
    static String partitionLocation(String path, List<String> keys, List<String> values) {
        StringBuilder out = new StringBuilder(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        for (int i = 0; i < keys.size(); i++) {
            out.append('/').append(keys.get(i)).append('=')
                    .append(ExternalCatalogUtils.escapePathName(values.get(i)));
        }
        return out.append('/').toString();
    }
}
