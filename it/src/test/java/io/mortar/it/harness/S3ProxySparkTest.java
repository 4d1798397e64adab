package io.mortar.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3Proxy as the tests' S3: the SDK and Spark (through S3A, as s3a:// and s3://) read and write it. */
class S3ProxySparkTest {
    private static S3ProxyProcess s3;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyProcess.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void sdkWritesAndReadsObjectsStoredAsFilesAndSignaturesAreChecked() throws Exception {
        s3.createBucket("sdk-check");
        s3.client().putObject(b -> b.bucket("sdk-check").key("dir/hello.txt"), RequestBody.fromString("hello"));

        assertThat(s3.client().getObjectAsBytes(b -> b.bucket("sdk-check").key("dir/hello.txt")).asUtf8String())
                .isEqualTo("hello");
        assertThat(java.nio.file.Files.readString(s3.dataDir().resolve("sdk-check/dir/hello.txt")))
                .isEqualTo("hello");

        try (var stranger = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(s3.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                S3ProxyProcess.ACCESS_KEY, "wrong-secret")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build()) {
            assertThatThrownBy(() -> stranger.listBuckets()).isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void sparkWritesParquetToS3aAndReadsItBack() {
        SparkSession spark = ItSpark.get();
        String bucket = ItSpark.newBucket(s3, "parquet");
        String path = "s3a://" + bucket + "/warehouse/people";

        people(spark).write().partitionBy("team").parquet(path);

        Dataset<Row> back = spark.read().parquet(path);
        assertThat(back.orderBy("id").collectAsList()).extracting(Row::toString)
                .containsExactly("[1,ada,core]", "[2,grace,core]", "[3,linus,kernel]");
        List<String> keys = s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("warehouse/people/"))
                .contents().stream().map(S3Object::key).toList();
        assertThat(keys).contains("warehouse/people/_SUCCESS")
                .anyMatch(k -> k.startsWith("warehouse/people/team=core/part-") && k.endsWith(".parquet"))
                .anyMatch(k -> k.startsWith("warehouse/people/team=kernel/part-") && k.endsWith(".parquet"));
    }

    @Test
    void s3SchemeIsS3aToo() {
        SparkSession spark = ItSpark.get();
        String bucket = ItSpark.newBucket(s3, "scheme");

        people(spark).write().parquet("s3://" + bucket + "/people");

        assertThat(spark.read().parquet("s3://" + bucket + "/people").count()).isEqualTo(3);
        assertThat(spark.read().parquet("s3a://" + bucket + "/people").filter("team = 'kernel'")
                .select("name").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactly("linus");
        assertThat(s3.client().listObjectsV2(b -> b.bucket(bucket).prefix("people/")).contents())
                .anyMatch(o -> o.key().endsWith(".parquet"));
    }

    private static Dataset<Row> people(SparkSession spark) {
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType)
                .add("name", DataTypes.StringType)
                .add("team", DataTypes.StringType);
        return spark.createDataFrame(List.of(
                RowFactory.create(1, "ada", "core"),
                RowFactory.create(2, "grace", "core"),
                RowFactory.create(3, "linus", "kernel")), schema);
    }
}
