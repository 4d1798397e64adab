package io.mortar.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code mortar:events} tag: which locations a value names, and what it refuses, naming the location. */
class EventSourcesTest {

    @Test
    void aValueNamesS3PrefixesAndLocalFoldersEachOnceAsFolders() {
        assertThat(EventSources.parse(" s3://lake/in  s3a://lake/raw/ file:///data/landing /data/drop/ s3://lake/in/"))
                .containsExactly(new EventLocation.S3Prefix("lake", "in/"), new EventLocation.S3Prefix("lake", "raw/"),
                        new EventLocation.LocalFolder(Path.of("/data/landing")),
                        new EventLocation.LocalFolder(Path.of("/data/drop")));
        assertThat(EventSources.parse("s3://lake")).containsExactly(new EventLocation.S3Prefix("lake", ""));
        assertThat(EventSources.parse("s3://lake/in").get(0).url()).isEqualTo("s3://lake/in/");
        assertThat(EventSources.parse("/data/drop").get(0).url()).isEqualTo("file:///data/drop/");
        assertThat(EventSources.parse("file:///data/my%20drop").get(0).url()).isEqualTo("file:///data/my drop/");
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @CsvSource(delimiter = '|', textBlock = """
            ''                       | Tag mortar:events must name at least one location
            '   '                    | Tag mortar:events must name at least one location
            lake/in                  | Tag mortar:events: cannot watch 'lake/in': a location is s3://bucket/prefix, file:///absolute/path or /absolute/path.
            s3://lake/in relative    | Tag mortar:events: cannot watch 'relative': a location is s3://bucket/prefix
            s3://Lake/in             | Tag mortar:events: cannot watch 's3://Lake/in': 'Lake' is not an S3 bucket name.
            s3:///in                 | Tag mortar:events: cannot watch 's3:///in': '' is not an S3 bucket name.
            s3://lake/in//x          | Tag mortar:events: cannot watch 's3://lake/in//x': its prefix has an empty folder name.
            file://host/data         | Tag mortar:events: cannot watch 'file://host/data': a local folder is file:///absolute/path.
            /data/../etc             | Tag mortar:events: cannot watch '/data/../etc': a watched folder is named without . or .. in it.
            hdfs://nn/data           | Tag mortar:events: cannot watch 'hdfs://nn/data'
            """)
    void aValueThatDoesNotParseIsInvalidInputNamingTheLocation(String value, String message) {
        assertThatThrownBy(() -> EventSources.parse(value)).isInstanceOf(GlueException.class)
                .hasMessageStartingWith(message)
                .extracting(e -> ((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT);
    }

    @Test
    void aLocationWatchesWhatLiesBelowItButNotBookkeepingOrFolderMarkers() {
        EventLocation in = EventSources.parse("s3://lake/in").get(0);

        assertThat(in.watches("s3://lake/in/a.csv")).isTrue();
        assertThat(in.watches("s3://lake/in/day=1/a.csv")).isTrue();
        assertThat(in.watches("s3://lake/inbox/a.csv")).as("a sibling sharing the prefix's letters").isFalse();
        assertThat(in.watches("s3://lake/in/")).isFalse();
        assertThat(in.watches("s3://lake/in/day=1/")).as("a folder object").isFalse();
        assertThat(in.watches("s3://lake/in/day=1_$folder$")).isFalse();
        assertThat(in.watches("s3://lake/in/_SUCCESS")).isFalse();
        assertThat(in.watches("s3://lake/in/_temporary/0/part-0")).isFalse();
        assertThat(in.watches("s3://lake/in/.part-0.crc")).isFalse();
        assertThat(EventSources.parse("s3://lake/_raw").get(0).watches("s3://lake/_raw/a.csv"))
                .as("only what lies below the location counts").isTrue();
    }
}
