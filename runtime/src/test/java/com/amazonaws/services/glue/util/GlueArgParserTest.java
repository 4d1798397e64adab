package com.amazonaws.services.glue.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** GlueArgParser under the rules of Glue's getResolvedOptions, as a Scala script's main receives its arguments. */
class GlueArgParserTest {
    private static final String[] RUN = {"--JOB_NAME", "orders", "--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_1",
            "--job-bookmark-option", "job-bookmark-enable", "--TempDir", "s3://tmp/", "--day=2024-01-02",
            "--unasked", "x", "--database", "first", "--database", "sales"};

    private static Map<String, String> resolve(String[] args, String... names) {
        return CollectionConverters.asJava(GlueArgParser.getResolvedOptions(args, names));
    }

    @Test
    void theNamesAskedForAreAnsweredWithoutDashesOthersIgnored() {
        assertThat(resolve(RUN, "JOB_NAME", "database", "day")).containsExactlyInAnyOrderEntriesOf(
                Map.of("JOB_NAME", "orders", "database", "sales", "day", "2024-01-02"));
        assertThat(resolve(RUN)).isEmpty();
    }

    @Test
    void aNameAskedForAndMissingFailsNamingIt() {
        assertThatThrownBy(() -> resolve(RUN, "JOB_NAME", "output", "region"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The following arguments are required: --output, --region");
        assertThatThrownBy(() -> resolve(new String[] {"--output", "--JOB_NAME", "x"}, "output"))
                .hasMessage("Argument --output: expected one argument");
    }

    @Test
    void tempDirAndRedshiftTempDirAreOneArgumentAndNeverRequired() {
        assertThat(resolve(RUN, "RedshiftTempDir", "TempDir"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("RedshiftTempDir", "s3://tmp/", "TempDir", "s3://tmp/"));
        assertThat(resolve(new String[] {"--RedshiftTempDir", "s3://old/"}, "TempDir"))
                .containsExactlyEntriesOf(Map.of("TempDir", "s3://old/"));
        assertThat(resolve(new String[] {"--JOB_NAME", "x"}, "JOB_NAME", "TempDir"))
                .containsExactlyEntriesOf(Map.of("JOB_NAME", "x"));
    }

    @Test
    void glueOwnArgumentsCannotBeAskedFor() {
        for (String reserved : new String[] {"job-bookmark-option", "JOB_RUN_ID", "JOB_ID", "continuation-option",
                "job-bookmark-from", "encryption-type"}) {
            assertThatThrownBy(() -> resolve(RUN, "JOB_NAME", reserved))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Using reserved arguments --" + reserved);
        }
    }
}
