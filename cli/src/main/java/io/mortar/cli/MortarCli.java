package io.mortar.cli;

import io.mortar.server.config.ConfigException;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GlueException;

/** The {@code mortar} command. */
@Command(name = "mortar", mixinStandardHelpOptions = true, version = "Mortar 0.1.0",
        description = "Mortar: a self-hosted AWS Glue. Run the server, or use the catalog of a running one.",
        subcommands = {ServerCommand.class, CatalogCommands.Databases.class, CatalogCommands.Tables.class,
                CatalogCommands.ShowTable.class, CatalogCommands.Partitions.class})
public final class MortarCli {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8095";

    @Option(names = "--endpoint", scope = ScopeType.INHERIT,
            description = "Mortar (or any Glue) endpoint; default $MORTAR_ENDPOINT or " + DEFAULT_ENDPOINT)
    String endpoint;

    URI endpoint() {
        return URI.create(Optional.ofNullable(endpoint).or(() -> Optional.ofNullable(System.getenv("MORTAR_ENDPOINT")))
                .orElse(DEFAULT_ENDPOINT));
    }

    /** A Glue client for the endpoint. Mortar does not check signatures, so requests go unsigned. */
    GlueClient client() {
        return GlueClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MortarCli());
        cli.getSubcommands().get("server").getCommandSpec().usageMessage().footer(ServerCommand.settingsHelp());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof GlueException glue) {
                commandLine.getErr().println("error: " + glue.awsErrorDetails().errorCode() + ": "
                        + glue.awsErrorDetails().errorMessage());
                return 2;
            }
            if (e instanceof ConfigException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            if (e instanceof software.amazon.awssdk.core.exception.SdkClientException) {
                commandLine.getErr().println("error: cannot reach Mortar: " + e.getMessage());
                return 3;
            }
            throw e;
        });
        return cli;
    }
}
