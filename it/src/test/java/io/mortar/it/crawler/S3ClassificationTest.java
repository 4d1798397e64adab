package io.mortar.it.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.crawler.ClassifierOptions;
import io.mortar.crawler.FileClassification;
import io.mortar.crawler.FileClassifier;
import io.mortar.crawler.custom.CustomClassifiers;
import io.mortar.it.harness.S3ProxyProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The crawler's classification reading objects from a real S3 server (S3Proxy) through S3A. */
class S3ClassificationTest {
    private static final String BUCKET = "crawl";
    private static S3ProxyProcess s3;
    private static FileSystem fs;
    private static Configuration conf;

    @BeforeAll
    static void start() throws IOException {
        s3 = S3ProxyProcess.start();
        s3.createBucket(BUCKET);
        conf = new Configuration();
        s3.s3aSettings(BUCKET).forEach(conf::set);
        fs = FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), conf);
    }

    @AfterAll
    static void stop() throws IOException {
        if (fs != null) {
            fs.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private FileClassification classify(String key) {
        return new FileClassifier(conf, ClassifierOptions.defaults(), CustomClassifiers.none())
                .classify(fs, new Path("s3a://" + BUCKET + "/" + key));
    }

    @Test
    void gzippedCsvFromS3() throws IOException {
        StringBuilder csv = new StringBuilder("id,city,day\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append(",c").append(i % 7).append(",2024-01-").append(10 + i % 20).append('\n');
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
        }
        s3.client().putObject(b -> b.bucket(BUCKET).key("sales/part-0.csv.gz"), RequestBody.fromBytes(gz.toByteArray()));
        FileClassification c = classify("sales/part-0.csv.gz");
        assertThat(c.classification()).isEqualTo("csv");
        assertThat(c.compression().glueName()).isEqualTo("gzip");
        assertThat(c.columns().stream().map(col -> col.name() + ":" + col.typeName()))
                .containsExactly("id:bigint", "city:string", "day:date");
        assertThat(c.fileBytes()).isEqualTo(gz.size());
        assertThat(c.recordEstimate()).isEqualTo(5000);
    }

    @Test
    void parquetFooterFromS3() throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required int64 id; optional binary note (STRING); }");
        Path path = new Path("s3a://" + BUCKET + "/events/part-0.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(path).withConf(conf).withType(schema)
                .build()) {
            for (int i = 0; i < 50_000; i++) {
                writer.write(groups.newGroup().append("id", (long) i).append("note", "note number " + i));
            }
        }
        long size = fs.getFileStatus(path).getLen();
        FileClassification c = classify("events/part-0.parquet");
        assertThat(c.classification()).isEqualTo("parquet");
        assertThat(c.columns().stream().map(col -> col.name() + ":" + col.typeName()))
                .containsExactly("id:bigint", "note:string");
        assertThat(c.recordEstimate()).isEqualTo(50_000);
        assertThat(c.bytesRead()).isLessThan(size / 4);
    }

    @Test
    void missingObjectIsUnknownNotAnException() {
        FileClassification c = classify("nothing/here.json");
        assertThat(c.classification()).isEqualTo("UNKNOWN");
        assertThat(c.problem()).hasValueSatisfying(p -> assertThat(p).contains("FileNotFound"));
    }
}
