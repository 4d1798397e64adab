package io.mortar.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.cli.http.MortarHttp;
import io.mortar.server.config.ConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mortar keys create NAME | list | policy NAME | delete NAME}: the access keys requests are signed with, and
 * their IAM-style policies (Mortar's {@code /keys} endpoints; only a key allowed {@code iam:*} on users — the root
 * key — manages keys).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Manage access keys and their policies (with the root key: ~/.mortar/credentials).",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.SetPolicy.class,
                KeysCommand.Delete.class})
final class KeysCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    MortarCli parent;

    @Spec
    CommandSpec spec;

    private URI keys(String... segments) {
        StringBuilder path = new StringBuilder("/keys");
        for (String segment : segments) {
            path.append('/').append(MortarHttp.pathSegment(segment));
        }
        return parent.endpoint().resolve(path.toString());
    }

    private MortarHttp http() {
        return parent.http(MortarHttp.CALLS);
    }

    /** The documents of {@code --policy} options: each a file, or the JSON itself when it starts with a brace. */
    private static ArrayNode policies(List<String> options) throws IOException {
        ArrayNode documents = JSON.createArrayNode();
        for (String option : options) {
            String text = option.strip().startsWith("{") ? option : Files.readString(Path.of(option));
            try {
                documents.add(JSON.readTree(text));
            } catch (IOException e) {
                throw new ConfigException("--policy " + option + " is not a JSON policy document: "
                        + e.getMessage());
            }
        }
        return documents;
    }

    @Command(name = "create", description = "Create a key; prints its secret (shown this once) as a shared-credentials"
            + " profile.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Parameters(index = "0", description = "the key's name (IAM user name rules)")
        String name;

        @Option(names = "--policy", description = "a policy document (a file, or inline JSON); repeatable. A key"
                + " without one may do nothing.")
        List<String> policies = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            ObjectNode body = JSON.createObjectNode();
            body.put("Name", name);
            body.set("Policies", policies(policies));
            JsonNode created = JSON.readTree(keys.http().sendJson("POST", keys.keys(), body.toString())
                    .requireSuccess().text());
            PrintWriter out = keys.spec.commandLine().getOut();
            out.println("# " + name + ": the secret is shown only now. Add this to a shared-credentials file:");
            out.println("[" + name + "]");
            out.println("aws_access_key_id = " + created.path("AccessKeyId").asText());
            out.println("aws_secret_access_key = " + created.path("SecretAccessKey").asText());
            return 0;
        }
    }

    @Command(name = "list", description = "List the keys, their ids and policies (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Option(names = "--policies", description = "print each key's policies too")
        boolean showPolicies;

        @Override
        public Integer call() throws IOException {
            JsonNode listed = JSON.readTree(keys.http().get(keys.keys()).requireSuccess().text());
            PrintWriter out = keys.spec.commandLine().getOut();
            out.printf("%-24s %-22s %-5s %s%n", "NAME", "ACCESS KEY ID", "KIND", "CREATED");
            for (JsonNode key : listed.path("Keys")) {
                out.printf("%-24s %-22s %-5s %s%n", key.path("Name").asText(), key.path("AccessKeyId").asText(),
                        key.path("Kind").asText(), key.path("CreatedOn").asText());
                if (showPolicies) {
                    for (JsonNode policy : key.path("Policies")) {
                        out.println("    " + policy);
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "policy", description = "Replace a key's policies.")
    static final class SetPolicy implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Parameters(index = "0", description = "the key's name")
        String name;

        @Option(names = "--policy", required = true, description = "a policy document (a file, or inline JSON);"
                + " repeatable")
        List<String> policies = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            ObjectNode body = JSON.createObjectNode();
            body.set("Policies", policies(policies));
            keys.http().sendJson("PUT", keys.keys(name, "policies"), body.toString()).requireSuccess();
            keys.spec.commandLine().getOut().println("Policies of " + name + " replaced.");
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a key: requests signed with it are refused from now on.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        KeysCommand keys;

        @Parameters(index = "0", description = "the key's name")
        String name;

        @Override
        public Integer call() throws IOException {
            keys.http().delete(keys.keys(name)).requireSuccess();
            keys.spec.commandLine().getOut().println("Key " + name + " deleted.");
            return 0;
        }
    }
}
