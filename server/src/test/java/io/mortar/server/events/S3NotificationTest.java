package io.mortar.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.server.events.S3Notification.CreatedObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bucket notifications as AWS S3, MinIO and Ceph send them, read into the objects they say were created. */
class S3NotificationTest {

    private static S3Notification parse(String json) {
        return S3Notification.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** AWS S3's documented example record, with a key that needs decoding. */
    private static final String AWS = """
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2",
              "eventTime":"2026-12-06T20:01:02.345Z","eventName":"ObjectCreated:Put",
              "userIdentity":{"principalId":"AWS:AIDAJDPLRKLG7UEXAMPLE"},
              "requestParameters":{"sourceIPAddress":"127.0.0.1"},
              "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"mortar",
                "bucket":{"name":"lake","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::lake"},
                "object":{"key":"in/day%3D1/red+flower%C3%A9.csv","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e",
                  "versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}
            """;

    @Test
    void awsRecordsGiveTheBucketTheDecodedKeySizeEtagAndTime() {
        S3Notification notification = parse(AWS);

        assertThat(notification.created()).containsExactly(new CreatedObject("lake", "in/day=1/red floweré.csv",
                1024, "d41d8cd98f00b204e9800998ecf8427e", "0055AED6DCD90281E5",
                Instant.parse("2026-12-06T20:01:02.345Z")));
        assertThat(notification.ignored()).isZero();
    }

    @Test
    void minioWebhooksWrapTheSameRecordsWithAnS3PrefixedEventName() {
        S3Notification notification = parse("""
                {"EventName":"s3:ObjectCreated:Put","Key":"lake/in/a b.csv",
                 "Records":[{"eventVersion":"2.0","eventSource":"minio:s3","awsRegion":"",
                  "eventTime":"2026-12-06T20:01:02.345Z","eventName":"s3:ObjectCreated:Put",
                  "userIdentity":{"principalId":"minioadmin"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
                  "s3":{"s3SchemaVersion":"1.0","configurationId":"Config",
                   "bucket":{"name":"lake","ownerIdentity":{"principalId":"minioadmin"},"arn":"arn:aws:s3:::lake"},
                   "object":{"key":"in%2Fa+b.csv","size":12,"eTag":"\\"0F343B0931126A20F133D67C2B018A3B\\"",
                    "contentType":"text/csv","userMetadata":{"content-type":"text/csv"},"sequencer":"17D5C0A3F4D2B1E0"}},
                  "source":{"host":"127.0.0.1","port":"","userAgent":"MinIO (linux; amd64) minio-go/v7.0.0"}}]}
                """);

        assertThat(notification.created()).extracting(CreatedObject::bucket, CreatedObject::key, CreatedObject::size,
                CreatedObject::eTag).containsExactly(org.assertj.core.groups.Tuple.tuple("lake", "in/a b.csv", 12L,
                "0f343b0931126a20f133d67c2b018a3b"));
    }

    @Test
    void onlyObjectCreatedRecordsCountTheOthersAreIgnored() {
        S3Notification notification = parse("""
                {"Records":[
                 {"eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"lake"},"object":{"key":"in/old.csv"}}},
                 {"eventName":"ObjectCreated:CompleteMultipartUpload","eventTime":"2026-12-06T20:00:00Z",
                  "s3":{"bucket":{"name":"lake"},"object":{"key":"in/big.parquet","size":99,"eTag":"abc-2"}}},
                 {"eventName":"s3:ObjectRestore:Completed","s3":{"bucket":{"name":"lake"},"object":{"key":"x"}}},
                 {"eventName":"ObjectCreated:Copy","s3":{"bucket":{"name":"lake"},"object":{"key":"in/copy.csv"}}}]}
                """);

        assertThat(notification.created()).extracting(CreatedObject::key)
                .containsExactly("in/big.parquet", "in/copy.csv");
        assertThat(notification.ignored()).isEqualTo(2);
        CreatedObject copy = notification.created().get(1);
        assertThat(copy.size()).as("no size given").isEqualTo(-1);
        assertThat(copy.eTag()).isNull();
        assertThat(copy.eventTime()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void s3sTestEventIsAcceptedAndIgnored() {
        S3Notification notification = parse("""
                {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-06T20:00:00.000Z","Bucket":"lake",
                 "RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
                """);

        assertThat(notification.created()).isEmpty();
        assertThat(notification.ignored()).isEqualTo(1);
    }

    @Test
    void anSnsMessageIsReadForTheNotificationItCarries() throws Exception {
        String sns = GlueJson.mapper().writeValueAsString(java.util.Map.of("Type", "Notification",
                "MessageId", "da41e39f-ea4d-435a-b922-c6aae3915ebe", "TopicArn", "arn:aws:sns:us-west-2:123456789012:lake",
                "Subject", "Amazon S3 Notification", "Message", AWS, "Timestamp", "2026-12-06T20:01:03.000Z"));

        assertThat(parse(sns)).isEqualTo(parse(AWS));
        assertThat(parse(sns).created()).hasSize(1);
    }

    @Test
    void anSnsSubscriptionConfirmationIsIgnoredButCarriesItsUrl() {
        S3Notification confirmation = parse("""
                {"Type":"SubscriptionConfirmation","MessageId":"165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
                 "Token":"2336412f37f","TopicArn":"arn:aws:sns:us-west-2:123456789012:lake",
                 "Message":"You have chosen to subscribe to the topic arn:aws:sns:us-west-2:123456789012:lake.",
                 "SubscribeURL":"https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=2336412f37f"}
                """);

        assertThat(confirmation.created()).isEmpty();
        assertThat(confirmation.subscribeUrl())
                .isEqualTo("https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=2336412f37f");
        assertThat(parse(AWS).subscribeUrl()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                       | An S3 event notification must be JSON
            '[1, 2]'                                                       | An S3 event notification is a JSON object with Records.
            '{}'                                                           | An S3 event notification has a Records array (or is s3:TestEvent).
            '{"Records": {}}'                                              | An S3 event notification has a Records array
            '{"Records": [{"s3": {}}]}'                                    | Records[0].eventName is missing from the S3 event notification.
            '{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {"key": "k"}}}]}' | Records[0].s3.bucket.name is missing
            '{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": {}}}]}' | Records[0].s3.object.key is missing
            '{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "b"}, "object": {"key": "%zz"}}}]}' | Records[0].s3.object.key is not URL-encoded: %zz
            '{"Records": [{"eventName": "ObjectCreated:Put", "eventTime": "yesterday", "s3": {"bucket": {"name": "b"}, "object": {"key": "k"}}}]}' | Records[0].eventTime is not an ISO-8601 time: yesterday
            """)
    void aBodyThatIsNoNotificationIsInvalidInputSayingWhy(String body, String message) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(GlueException.class).hasMessageStartingWith(message)
                .extracting(e -> ((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
    }
}
