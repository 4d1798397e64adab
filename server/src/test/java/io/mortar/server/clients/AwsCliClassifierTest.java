package io.mortar.server.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Custom classifiers through the AWS CLI ({@code aws glue … --endpoint-url}): the union shapes as the CLI sends and
 * prints them, GetClassifiers paged by the CLI's own paginator, a partial update, Glue's errors. SQLite only (both
 * stores are covered by the SDK contract, {@code classifiers.ClassifierApiContract}).
 */
class AwsCliClassifierTest {
    private static ClientEnvironment environment;
    private static TestServer server;
    private static AwsCli aws;

    @BeforeAll
    static void start() {
        environment = ClientEnvironment.create();
        environment.requireAwsCli();
        server = TestServer.start(StoreBackend.SQLITE);
        aws = new AwsCli(environment.signingAs(TestServer.rootCredentials(server.dataDir())), server.endpoint());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (environment != null) {
            environment.close();
        }
    }

    @Test
    void classifiersThroughTheAwsCli() {
        assertThat(aws.glue("create-classifier", "--grok-classifier",
                "{\"Name\": \"Cli-Grok\", \"Classification\": \"applog\", \"GrokPattern\": \"%{GREEDYDATA:line}\"}"))
                .isEmpty();
        aws.glue("create-classifier", "--csv-classifier",
                "{\"Name\": \"cli-csv\", \"Delimiter\": \"|\", \"ContainsHeader\": \"PRESENT\", \"Header\": [\"a\", \"b\"]}");
        aws.glue("create-classifier", "--json-classifier", "{\"Name\": \"cli-json\", \"JsonPath\": \"$[*]\"}");

        JsonNode grok = aws.glue("get-classifier", "--name", "Cli-Grok").path("Classifier").path("GrokClassifier");
        assertThat(grok.path("Name").asText()).isEqualTo("Cli-Grok");
        assertThat(grok.path("GrokPattern").asText()).isEqualTo("%{GREEDYDATA:line}");
        assertThat(grok.path("Version").asLong()).isEqualTo(1L);
        assertThat(grok.path("CreationTime").isMissingNode()).isFalse();

        List<String> names = new ArrayList<>();
        aws.glue("get-classifiers", "--page-size", "1").path("Classifiers")
                .forEach(c -> c.fields().forEachRemaining(kind -> names.add(kind.getValue().path("Name").asText())));
        assertThat(names).containsExactly("Cli-Grok", "cli-csv", "cli-json");

        aws.glue("update-classifier", "--csv-classifier", "{\"Name\": \"cli-csv\", \"Delimiter\": \";\"}");
        JsonNode csv = aws.glue("get-classifier", "--name", "cli-csv").path("Classifier").path("CsvClassifier");
        assertThat(csv.path("Delimiter").asText()).isEqualTo(";");
        assertThat(csv.path("ContainsHeader").asText()).isEqualTo("PRESENT");
        assertThat(csv.path("Version").asLong()).isEqualTo(2L);

        assertThat(aws.glueFails("AlreadyExistsException", "create-classifier", "--json-classifier",
                "{\"Name\": \"cli-json\", \"JsonPath\": \"$[*]\"}")).contains("cli-json");
        assertThat(aws.glueFails("InvalidInputException", "create-classifier", "--grok-classifier",
                "{\"Name\": \"cli-bad\", \"Classification\": \"x\", \"GrokPattern\": \"%{NOPE:x}\"}"))
                .contains("GrokClassifier.GrokPattern");
        assertThat(aws.glueFails("InvalidInputException", "update-classifier", "--json-classifier",
                "{\"Name\": \"cli-csv\", \"JsonPath\": \"$[*]\"}")).contains("CsvClassifier");

        aws.glue("delete-classifier", "--name", "cli-json");
        assertThat(aws.glueFails("EntityNotFoundException", "get-classifier", "--name", "cli-json"))
                .contains("cli-json");
    }
}
