package io.mortar.cli;

import static io.mortar.cli.CatalogCommands.time;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.cli.http.HttpAnswer;
import io.mortar.cli.http.MortarHttp;
import io.mortar.model.GlueJson;
import io.mortar.server.events.EventLocation;
import io.mortar.server.events.EventSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * {@code mortar triggers watch} and {@code mortar triggers events}: which locations an EVENT trigger watches (its
 * {@value EventSources#TAG} tag, set through TagResource) and what its events and batches are (Mortar's
 * {@code GET /triggers/{name}/events}).
 */
final class EventCommands {
    private EventCommands() {}

    /** Adds {@code watch} and {@code events} under {@code mortar triggers} (once, however often called). */
    static void register(CommandLine mortar) {
        CommandLine triggers = mortar.getSubcommands().get("triggers");
        if (!triggers.getSubcommands().containsKey("watch")) {
            triggers.addSubcommand(new Watch());
            triggers.addSubcommand(new Events());
        }
    }

    /** What both commands share: the {@code mortar} command above them (its endpoint) and how to print. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        MortarCli mortar() {
            for (CommandLine line = spec.commandLine(); line != null; line = line.getParent()) {
                if (line.getCommand() instanceof MortarCli cli) {
                    return cli;
                }
            }
            throw new IllegalStateException("not run under the mortar command");
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Mortar's account of the trigger's events; a missing trigger is the server's EntityNotFoundException. */
        JsonNode triggerEvents(String name) throws IOException {
            HttpAnswer answer = mortar().http(MortarHttp.CALLS).get(mortar().endpoint().resolve("/triggers/"
                    + MortarHttp.pathSegment(name) + "/events"));
            return GlueJson.parse(answer.requireSuccess("is this endpoint a Mortar server?").text());
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Sets the locations an EVENT trigger watches for new objects: its tag " + EventSources.TAG
                    + " (replacing any earlier value).",
                    "An ACTIVATED EVENT trigger receives an event for each new object under them, from S3"
                            + " notifications POSTed to /events/s3 and from the watcher that lists them."})
    static final class Watch extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "the trigger")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "LOCATION",
                description = "s3://bucket/prefix, file:///absolute/folder or /absolute/folder")
        List<String> locations;

        @Override
        public Integer call() throws IOException {
            String value = String.join(" ", locations);
            List<EventLocation> parsed;
            try {
                parsed = EventSources.parse(value);
            } catch (io.mortar.model.GlueException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            JsonNode trigger = triggerEvents(name);
            try (GlueClient glue = mortar().client()) {
                glue.tagResource(b -> b.resourceArn(trigger.get("arn").asText())
                        .tagsToAdd(Map.of(EventSources.TAG, value)));
            }
            out().println("Trigger " + name + " watches " + parsed.stream().map(EventLocation::url)
                    .collect(Collectors.joining(", ")));
            String type = trigger.path("type").asText();
            String state = trigger.path("state").asText();
            if (!"EVENT".equals(type)) {
                out().println("note: it is a " + type + " trigger; only EVENT triggers receive events");
            } else if (!"ACTIVATED".equals(state)) {
                out().println("note: it is " + state + "; it receives events once started (StartTrigger)");
            }
            out().flush();
            return 0;
        }
    }

    @Command(name = "events", mixinStandardHelpOptions = true,
            description = "Shows an EVENT trigger's locations and batching, its pending events and latest batches.")
    static final class Events extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "the trigger")
        String name;

        @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "table|json",
                description = "table (readable) or json (Mortar's answer)")
        String output;

        @Override
        public Integer call() throws IOException {
            if (!output.equals("table") && !output.equals("json")) {
                throw new ParameterException(spec.commandLine(), "--output must be table or json, not " + output);
            }
            JsonNode events = triggerEvents(name);
            PrintWriter out = out();
            if (output.equals("json")) {
                out.println(events.toPrettyString());
                out.flush();
                return 0;
            }
            out.println("Trigger " + name + " (" + events.path("type").asText() + ", "
                    + events.path("state").asText() + ")");
            List<String> locations = texts(events.path("locations"));
            out.println("  watches:  " + (locations.isEmpty() ? "nothing" : String.join(", ", locations)));
            if (events.has("problem")) {
                out.println("  no events: " + events.get("problem").asText());
            }
            out.println("  batching: BatchSize " + events.path("batchSize").asInt() + ", BatchWindow "
                    + events.path("batchWindow").asInt() + " s");
            out.println("  pending:  " + events.path("pendingCount").asInt() + " event(s)");
            if (!events.path("pending").isEmpty()) {
                out.println();
                TextTable pending = TextTable.uncut("RECEIVED (UTC)", "OBJECT", "SIZE");
                for (JsonNode event : events.path("pending")) {
                    pending.row(time(instant(event.path("receivedAt"))), event.path("object").asText(),
                            Sizes.bytesExact(event.path("size").asLong()));
                }
                pending.print(out);
            }
            if (!events.path("batches").isEmpty()) {
                out.println();
                TextTable batches = new TextTable("BATCH", "EVENTS", "CLOSED BY", "CLOSED (UTC)", "FIRED (UTC)");
                for (JsonNode batch : events.path("batches")) {
                    batches.row(batch.path("batchId").asText(), batch.path("events").asInt(),
                            batch.path("closedBy").asText(), time(instant(batch.path("closedAt"))),
                            batch.has("firedAt") ? time(instant(batch.get("firedAt"))) : "not yet");
                }
                batches.print(out);
            }
            out.flush();
            return 0;
        }

        private static List<String> texts(JsonNode array) {
            return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
        }

        private static Instant instant(JsonNode text) {
            return text.isTextual() ? Instant.parse(text.asText()) : null;
        }
    }
}
