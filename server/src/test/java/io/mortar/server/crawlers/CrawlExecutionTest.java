package io.mortar.server.crawlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.crawler.discovery.FileTarget;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrawlExecutionTest {
    @Test
    void anS3TargetsExclusionsAreGlueGlobsAndAMalformedOneNamesItsTarget() {
        FileTarget target = CrawlExecution.fileTarget("s3://bucket/sales/", List.of("**.tmp", "x[!a]y"), null,
                "Targets.S3Targets[0]");
        assertThat(target.exclusions()).extracting(Object::toString).containsExactly("**.tmp", "x[!a]y");
        assertThat(target.exclusions().get(0).matches("2024/part.tmp")).isTrue();
        assertThat(target.exclusions().get(1).matches("x/y")).isFalse();
        assertThat(CrawlExecution.fileTarget("s3://bucket/sales/", null, null, "Targets.S3Targets[0]").exclusions())
                .isEmpty();

        assertThatThrownBy(() -> CrawlExecution.fileTarget("s3://bucket/sales/", List.of("*.csv", "[abc"), null,
                "Targets.S3Targets[1]")).isInstanceOf(GlueException.class)
                .satisfies(e -> assertThat(((GlueException) e).code()).isEqualTo(GlueErrorCode.INVALID_INPUT))
                .hasMessage("Targets.S3Targets[1].Exclusions pattern [abc has an unclosed [");
    }
}
