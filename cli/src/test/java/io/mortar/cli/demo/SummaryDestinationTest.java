package io.mortar.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryDestinationTest {
    @Test
    void theSummaryGoesThroughTheConnectionToPostgresWithoutThePassword() {
        PostgresTarget pg = PostgresTarget.parse("jdbc:postgresql://db:5432/sales?user=etl&password=secret", true,
                "--postgres").orElseThrow();
        SummaryDestination destination = new SummaryDestination(Optional.of(pg));

        assertThat(destination.jobArguments()).containsExactly(Map.entry("--connection", "demo-postgres"),
                Map.entry("--summary-table", "public.demo_tag_summary"));
        assertThat(destination.place()).isEqualTo("in PostgreSQL: public.demo_tag_summary at"
                + " jdbc:postgresql://db:5432/sales (connection demo-postgres)").doesNotContain("secret");
    }

    @Test
    void withoutPostgresItGoesToTheLakeWithACatalogTable() {
        SummaryDestination lake = SummaryDestination.lake();

        assertThat(lake.jobArguments()).containsExactly(
                Map.entry("--summary-path", "s3://demo/summary/tag_summary/"),
                Map.entry("--summary-catalog-table", "tag_summary"));
        assertThat(lake.place()).isEqualTo("in the lake: s3://demo/summary/tag_summary/, catalog table"
                + " demo.tag_summary");
    }
}
