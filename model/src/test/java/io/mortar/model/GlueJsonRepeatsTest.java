package io.mortar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;

/**
 * GlueJson copies structures it meets again in a document from their first writing; the text must be exactly
 * what writing every one of them afresh gives.
 */
class GlueJsonRepeatsTest {
    @Test
    void sharedStructuresWriteTheSameTextAsFreshOnes() {
        List<Column> columns = List.of(Column.builder().name("id").type("bigint").build(),
                Column.builder().name("note").type("string").comment("a \"quoted\" note").build());
        Column single = Column.builder().name("only").type("int").build();
        SerDeInfo serde = SerDeInfo.builder().serializationLibrary("lib").parameters(Map.of("k", "v")).build();
        StorageDescriptor shared = StorageDescriptor.builder().columns(columns).serdeInfo(serde).build();
        List<Partition> partitions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StorageDescriptor.Builder sd = shared.toBuilder().location("s3://b/p=" + i + "/");
            if (i == 3) {
                sd.columns(single); // a different list of columns in the middle of the shared ones
                sd.bucketColumns("x");
            }
            partitions.add(Partition.builder().values(Integer.toString(i)).storageDescriptor(sd.build())
                    .creationTime(Instant.ofEpochMilli(1_700_000_000_123L + i)).build());
        }
        partitions.add(Partition.builder().values("single").storageDescriptor(StorageDescriptor.builder()
                .columns(single).build()).build());
        partitions.add(Partition.builder().values("single-as-object").storageDescriptor(StorageDescriptor.builder()
                .serdeInfo(serde).build()).build());

        String written = text(GlueJson.write(GetPartitionsResponse.builder().partitions(partitions).build()));

        String fresh = partitions.stream().map(p -> text(GlueJson.write(p)))
                .collect(Collectors.joining(",", "{\"Partitions\":[", "]}"));
        assertThat(written).isEqualTo(fresh);
        assertThat(GlueJson.read(written, GetPartitionsResponse.builder())).isEqualTo(
                GetPartitionsResponse.builder().partitions(partitions).build());
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
