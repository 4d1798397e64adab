package io.mortar.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.crawler.custom.CustomClassifiers;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColumnarClassificationTest {
    @TempDir
    java.nio.file.Path dir;

    private final Configuration conf = new Configuration(false);

    private FileSystem fs() throws IOException {
        return FileSystem.getLocal(conf).getRaw();
    }

    private FileClassification classify(java.nio.file.Path file) throws IOException {
        return new FileClassifier(conf, ClassifierOptions.defaults(), CustomClassifiers.none())
                .classify(fs(), new Path(file.toUri()));
    }

    private static List<String> columns(FileClassification c) {
        return c.columns().stream().map(col -> col.name() + ":" + col.typeName()).toList();
    }

    private java.nio.file.Path writeParquet(String name, int rows) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message spark_schema {
                  required int64 ID;
                  optional binary name (STRING);
                  optional int32 day (DATE);
                  optional int64 at (TIMESTAMP(MICROS,true));
                  optional int32 price (DECIMAL(9,2));
                  optional boolean ok;
                  optional double score;
                  optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
                  optional group attrs (MAP) { repeated group key_value {
                      required binary key (STRING); optional int32 value; } }
                  optional group address { optional binary city (STRING); optional int32 zip; }
                }
                """);
        java.nio.file.Path file = dir.resolve(name);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new Path(file.toUri()))
                .withConf(conf).withType(schema).withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (int i = 0; i < rows; i++) {
                Group g = groups.newGroup().append("ID", (long) i).append("name", "n" + i).append("day", 19000 + i)
                        .append("at", 1_700_000_000_000_000L).append("price", 1234).append("ok", i % 2 == 0)
                        .append("score", i * 1.5);
                g.addGroup("tags").addGroup("list").append("element", "t" + i);
                g.addGroup("attrs").addGroup("key_value").append("key", "k").append("value", i);
                g.addGroup("address").append("city", "Oslo").append("zip", 150);
                writer.write(g);
            }
        }
        return file;
    }

    @Test
    void parquetSchemaAndRowCountComeFromTheFooter() throws IOException {
        java.nio.file.Path file = writeParquet("part-0.parquet", 20_000);
        FileClassification c = classify(file);
        assertThat(c.classification()).isEqualTo("parquet");
        assertThat(columns(c)).containsExactly("id:bigint", "name:string", "day:date", "at:timestamp",
                "price:decimal(9,2)", "ok:boolean", "score:double", "tags:array<string>", "attrs:map<string,int>",
                "address:struct<city:string,zip:int>");
        assertThat(c.recordEstimate()).isEqualTo(20_000);
        assertThat(c.compression().glueName()).isEqualTo("none");
        assertThat(c.storageFormat()).isEqualTo(StorageFormat.PARQUET);
        assertThat(c.storageFormat().serializationLibrary())
                .isEqualTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
        assertThat(c.parameters()).containsEntry("classification", "parquet").containsEntry("compressionType", "none");
        long size = Files.size(file);
        assertThat(c.fileBytes()).isEqualTo(size);
        // the footer only: a small share of a file of 20 000 rows
        assertThat(c.bytesRead()).isLessThan(size / 4).isGreaterThan(0);
    }

    @Test
    void corruptParquetIsUnknownWithAReason() throws IOException {
        java.nio.file.Path good = writeParquet("good.parquet", 10);
        byte[] bytes = Files.readAllBytes(good);
        // keep the magic at both ends, break the footer length
        byte[] broken = bytes.clone();
        int lengthAt = broken.length - 8;
        broken[lengthAt] = (byte) 0xff;
        broken[lengthAt + 1] = (byte) 0xff;
        broken[lengthAt + 2] = (byte) 0xff;
        broken[lengthAt + 3] = (byte) 0x0f;
        java.nio.file.Path file = dir.resolve("bad.parquet");
        Files.write(file, broken);
        FileClassification c = classify(file);
        assertThat(c.classification()).isEqualTo("UNKNOWN");
        assertThat(c.problem()).hasValueSatisfying(p -> assertThat(p).startsWith("unreadable"));
        java.nio.file.Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, 40));
        assertThat(classify(truncated).classification()).isEqualTo("UNKNOWN");
    }

    @Test
    void orcSchemaAndRowCountComeFromTheTail() throws IOException {
        TypeDescription schema = TypeDescription.fromString(
                "struct<id:bigint,name:string,amount:decimal(12,3),day:date,at:timestamp,"
                        + "items:array<int>,props:map<string,double>,inner:struct<a:smallint,b:tinyint>>");
        java.nio.file.Path file = dir.resolve("data.orc");
        try (Writer writer = OrcFile.createWriter(new Path(file.toUri()),
                OrcFile.writerOptions(conf).setSchema(schema).fileSystem(fs()))) {
            VectorizedRowBatch batch = schema.createRowBatch();
            LongColumnVector id = (LongColumnVector) batch.cols[0];
            BytesColumnVector name = (BytesColumnVector) batch.cols[1];
            for (int r = 0; r < 200_000; r++) {
                int row = batch.size++;
                id.vector[row] = r;
                name.setVal(row, UUID.nameUUIDFromBytes(new byte[] {(byte) r, (byte) (r >> 8), (byte) (r >> 16)})
                        .toString().getBytes(StandardCharsets.UTF_8));
                for (int c = 2; c < batch.cols.length; c++) {
                    batch.cols[c].noNulls = false;
                    batch.cols[c].isNull[row] = true;
                }
                if (batch.size == batch.getMaxSize()) {
                    writer.addRowBatch(batch);
                    batch.reset();
                }
            }
            if (batch.size > 0) {
                writer.addRowBatch(batch);
            }
        }
        FileClassification c = classify(file);
        assertThat(c.classification()).isEqualTo("orc");
        assertThat(columns(c)).containsExactly("id:bigint", "name:string", "amount:decimal(12,3)", "day:date",
                "at:timestamp", "items:array<int>", "props:map<string,double>", "inner:struct<a:smallint,b:tinyint>");
        assertThat(c.recordEstimate()).isEqualTo(200_000);
        assertThat(c.storageFormat()).isEqualTo(StorageFormat.ORC);
        assertThat(c.storageFormat().inputFormat()).isEqualTo("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat");
        // the tail only (ORC reads its last 16 KiB at once)
        assertThat(c.bytesRead()).isGreaterThan(0).isLessThan(Files.size(file) / 4);
    }

    @Test
    void avroSchemaComesFromTheHeaderWithItsLiteral() throws IOException {
        Schema decimal = LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
        Schema date = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        Schema ts = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema schema = SchemaBuilder.record("Event").fields()
                .requiredLong("Id")
                .optionalString("name")
                .name("kind").type().enumeration("Kind").symbols("A", "B").noDefault()
                .name("amount").type(decimal).noDefault()
                .name("day").type(date).noDefault()
                .name("at").type(ts).noDefault()
                .name("tags").type().array().items().stringType().noDefault()
                .name("props").type().map().values().intType().noDefault()
                .name("inner").type().record("Inner").fields().requiredFloat("f").endRecord().noDefault()
                .endRecord();
        java.nio.file.Path file = dir.resolve("events.avro");
        Schema inner = schema.getField("inner").schema();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(schema, file.toFile());
            for (int i = 0; i < 500; i++) {
                GenericRecord r = new GenericData.Record(schema);
                r.put("Id", (long) i);
                r.put("name", "n" + i);
                r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "A"));
                r.put("amount", new Conversions.DecimalConversion().toBytes(new BigDecimal("12.34"), decimal,
                        decimal.getLogicalType()));
                r.put("day", 19000);
                r.put("at", 1_700_000_000_000L);
                r.put("tags", List.of("a"));
                r.put("props", Map.of("k", 1));
                GenericRecord in = new GenericData.Record(inner);
                in.put("f", 1.5f);
                r.put("inner", in);
                writer.append(r);
            }
        }
        FileClassification c = classify(file);
        assertThat(c.classification()).isEqualTo("avro");
        assertThat(columns(c)).containsExactly("id:bigint", "name:string", "kind:string", "amount:decimal(10,2)",
                "day:date", "at:timestamp", "tags:array<string>", "props:map<string,int>", "inner:struct<f:float>");
        assertThat(c.storageFormat().serializationLibrary()).isEqualTo("org.apache.hadoop.hive.serde2.avro.AvroSerDe");
        assertThat(new Schema.Parser().parse(c.storageFormat().serdeParameters().get("avro.schema.literal")))
                .isEqualTo(schema);
        assertThat(c.parameters()).containsEntry("classification", "avro").containsKey("avro.schema.literal");
        assertThat(c.recordEstimate()).isEqualTo(500);
    }
}
