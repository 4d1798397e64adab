package io.mortar.cli;

import io.mortar.cli.demo.DemoCommand;
import io.mortar.cli.http.HttpStatusException;
import io.mortar.cli.http.MortarCredentials;
import io.mortar.cli.http.MortarGlueClient;
import io.mortar.cli.http.MortarHttp;
import io.mortar.server.config.ConfigException;
import io.mortar.store.jdbc.StoreOpenException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.GlueException;

/** The {@code mortar} command. */
@Command(name = "mortar", mixinStandardHelpOptions = true, version = "Mortar 0.1.0",
        description = "Mortar: a self-hosted AWS Glue. Run the server, use the catalog, jobs and crawlers of a running"
                + " one, run a local Spark cluster for jobs, or see it all at work in `mortar demo`.",
        subcommands = {ServerCommand.class, CatalogCommands.Databases.class, CatalogCommands.Tables.class,
                CatalogCommands.ShowTable.class, CatalogCommands.Partitions.class, JobCommands.Jobs.class,
                JobCommands.Runs.class, JobCommands.StartRun.class, JobCommands.Logs.class,
                BookmarkCommands.Show.class, BookmarkCommands.Reset.class, OrchestrationCommands.Triggers.class,
                OrchestrationCommands.Workflows.class,
                WorkflowRunCommands.StartWorkflow.class, WorkflowRunCommands.ShowWorkflowRun.class,
                WorkflowRunCommands.WorkflowRuns.class, WorkflowRunCommands.StopWorkflowRun.class,
                WorkflowRunCommands.ResumeWorkflow.class,
                CrawlerCommands.Crawlers.class, CrawlerCommands.Crawls.class, CrawlerCommands.Crawl.class,
                CrawlerCommands.CrawlLog.class, CrawlerCommands.StopCrawl.class, ClusterCommand.class,
                KeysCommand.class})
public final class MortarCli {
    static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8095";

    @Option(names = "--endpoint", scope = ScopeType.INHERIT,
            description = "Mortar (or any Glue) endpoint; default $MORTAR_ENDPOINT or " + DEFAULT_ENDPOINT)
    String endpoint;

    /** The process environment (MORTAR_ENDPOINT, the server's MORTAR_* settings); a field so tests can pass one. */
    final Map<String, String> environment;

    MortarCli(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The endpoint to call; a ConfigException (exit 2) for one that is not an http(s) URL, e.g. a bare host:port. */
    URI endpoint() {
        String text = Optional.ofNullable(endpoint).or(() -> Optional.ofNullable(environment.get("MORTAR_ENDPOINT")))
                .orElse(DEFAULT_ENDPOINT);
        try {
            URI uri = new URI(text);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException("--endpoint (or MORTAR_ENDPOINT) must be an http:// or https:// URL such as "
                + DEFAULT_ENDPOINT + ", not '" + text + "'");
    }

    /** A Glue client for the endpoint, signing with the credentials {@link MortarCredentials} finds. */
    GlueClient client() {
        return MortarGlueClient.create(endpoint(), MortarCredentials.resolve(environment));
    }

    /** Plain calls to Mortar's own endpoints with these timeouts, signed as the Glue client's are. */
    MortarHttp http(MortarHttp timeouts) {
        return timeouts.signedBy(MortarCredentials.resolve(environment));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    static CommandLine commandLine(Map<String, String> environment) {
        MortarCli mortar = new MortarCli(environment);
        CommandLine cli = new CommandLine(mortar).setCaseInsensitiveEnumValuesAllowed(true);
        EventCommands.register(cli); // `mortar triggers watch` and `mortar triggers events`
        CommandSpec server = cli.getSubcommands().get("server").getCommandSpec();
        server.usageMessage().footer(ServerCommand.settingsHelp());
        server.remove(server.findOption("--endpoint")); // the server does not call an endpoint, it is one
        CommandSpec cluster = cli.getSubcommands().get("cluster").getCommandSpec();
        cluster.remove(cluster.findOption("--endpoint")); // nor does the cluster
        cli.addSubcommand(new DemoCommand(environment));
        CommandSpec demo = cli.getSubcommands().get("demo").getCommandSpec();
        if (demo.findOption("--endpoint") != null) {
            demo.remove(demo.findOption("--endpoint")); // the demo runs its own server
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof GlueException glue) {
                commandLine.getErr().println("error: " + glue.awsErrorDetails().errorCode() + ": "
                        + glue.awsErrorDetails().errorMessage());
                return 2;
            }
            if (e instanceof ConfigException || e instanceof HttpStatusException || e instanceof StoreOpenException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 2;
            }
            // An I/O failure of a command that calls the endpoint (the server, cluster and demo have no --endpoint)
            if (e instanceof SdkClientException
                    || e instanceof IOException && commandLine.getCommandSpec().findOption("--endpoint") != null) {
                commandLine.getErr().println(unreachable(e, mortar.endpoint()));
                return 3;
            }
            throw e;
        });
        return cli;
    }

    /**
     * An I/O failure of a Glue call or of a plain one. The SDK says "Unable to execute HTTP request: Connection
     * refused (SDK Attempt Count: 4)"; a person wants the endpoint that was tried, the reason, and what to do.
     */
    private static String unreachable(Exception e, URI endpoint) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                String reason = io.getMessage() == null ? io.getClass().getSimpleName()
                        : io instanceof UnknownHostException ? "unknown host " + io.getMessage() : io.getMessage();
                return "error: cannot reach Mortar at " + endpoint + ": " + reason
                        + " (is `mortar server` running? point at another with --endpoint or MORTAR_ENDPOINT)";
            }
        }
        return "error: " + e.getMessage();
    }
}
