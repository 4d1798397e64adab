package io.mortar.crawler.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Data files generated for crawler tests, as bytes (to put on local disk or in an S3 bucket): Parquet, ORC and
 * Avro written with their own libraries, CSV and JSON lines as text, gzip. Rows follow a simple pattern so tests can
 * count them: row i of a file has id {@code first + i}.
 */
public final class SampleFiles {
    private SampleFiles() {}

    /** Parquet with columns {@code id bigint, name string, amount double}. */
    public static byte[] parquet(long first, int rows) {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message spark_schema {
                  required int64 id;
                  optional binary name (STRING);
                  optional double amount;
                }
                """);
        return viaTempFile("parquet", file -> {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                    new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).withType(schema)
                    .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
                for (int i = 0; i < rows; i++) {
                    writer.write(groups.newGroup().append("id", first + i).append("name", "n" + (first + i))
                            .append("amount", (first + i) * 0.5));
                }
            }
        });
    }

    /** ORC with columns {@code id bigint, city string, score double}. */
    public static byte[] orc(long first, int rows) {
        TypeDescription schema = TypeDescription.fromString("struct<id:bigint,city:string,score:double>");
        return viaTempFile("orc", file -> {
            try (Writer writer = OrcFile.createWriter(new org.apache.hadoop.fs.Path(file.toUri()),
                    OrcFile.writerOptions(new Configuration()).setSchema(schema))) {
                VectorizedRowBatch batch = schema.createRowBatch();
                for (int i = 0; i < rows; i++) {
                    int row = batch.size++;
                    ((LongColumnVector) batch.cols[0]).vector[row] = first + i;
                    ((BytesColumnVector) batch.cols[1]).setVal(row, ("c" + (i % 5)).getBytes(StandardCharsets.UTF_8));
                    ((DoubleColumnVector) batch.cols[2]).vector[row] = i * 1.5;
                    if (batch.size == batch.getMaxSize()) {
                        writer.addRowBatch(batch);
                        batch.reset();
                    }
                }
                if (batch.size > 0) {
                    writer.addRowBatch(batch);
                }
            }
        });
    }

    /** Avro records {@code Click{id long, page string}}. */
    public static byte[] avro(long first, int rows) {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Click", "fields": [
                  {"name": "id", "type": "long"}, {"name": "page", "type": "string"}]}""");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.create(schema, out);
            for (int i = 0; i < rows; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("id", first + i);
                r.put("page", "/p/" + i);
                writer.append(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** CSV text: a header line (when given) and rows of cells. */
    public static byte[] csv(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        if (header != null) {
            out.append(String.join(",", header)).append('\n');
        }
        for (List<Object> row : rows) {
            out.append(String.join(",", row.stream().map(String::valueOf).toList())).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON lines, one object per map (values written as JSON: numbers bare, strings quoted). */
    public static byte[] jsonLines(List<Map<String, Object>> records) {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> record : records) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : record.entrySet()) {
                out.append(first ? "" : ",").append('"').append(e.getKey()).append("\":");
                Object v = e.getValue();
                out.append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v));
                first = false;
            }
            out.append("}\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private interface FileWriting {
        void write(Path file) throws IOException;
    }

    private static byte[] viaTempFile(String suffix, FileWriting writing) {
        try {
            Path dir = Files.createTempDirectory("sample-files");
            Path file = dir.resolve("data." + suffix);
            try {
                writing.write(file);
                return Files.readAllBytes(file);
            } finally {
                FileUtils.deleteDirectory(dir.toFile()); // with the .crc file Hadoop's writers leave beside it
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
