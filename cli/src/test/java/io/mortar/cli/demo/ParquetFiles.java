package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** The demo's Parquet output read straight from S3Proxy's folder, file by file, without Spark. */
public final class ParquetFiles {
    private ParquetFiles() {}

    /** Every record of every {@code .parquet} file below the folder (which must hold some), files in name order. */
    public static List<Group> read(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        assertThat(files).as("Parquet files in %s", folder).isNotEmpty();
        List<Group> out = new ArrayList<>();
        for (Path file : files) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                    new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
                for (Group g = reader.read(); g != null; g = reader.read()) {
                    out.add(g);
                }
            }
        }
        return out;
    }

    /** An {@code array<string>} field of a record, as Spark writes it (a {@code list} of {@code element}s). */
    public static List<String> strings(Group record, String field) {
        Group list = record.getGroup(field, 0);
        List<String> values = new ArrayList<>(list.getFieldRepetitionCount("list"));
        for (int k = 0; k < list.getFieldRepetitionCount("list"); k++) {
            values.add(list.getGroup("list", k).getString("element", 0));
        }
        return values;
    }
}
