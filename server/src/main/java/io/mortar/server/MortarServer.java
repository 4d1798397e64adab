package io.mortar.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import io.mortar.catalog.Catalog;
import io.mortar.catalog.connections.ConnectionKey;
import io.mortar.catalog.connections.ConnectionService;
import io.mortar.catalog.connections.PasswordCipher;
import io.mortar.model.validation.GlueServiceModel;
import io.mortar.server.auth.AccessKeys;
import io.mortar.server.auth.ApiAccess;
import io.mortar.server.auth.CrawlRunCredentials;
import io.mortar.server.auth.EndpointResources;
import io.mortar.server.auth.JobRunCredentials;
import io.mortar.server.auth.KeysEndpoint;
import io.mortar.server.auth.LocalCredentialsFile;
import io.mortar.server.classifiers.ClassifierLookup;
import io.mortar.server.classifiers.ClassifiersApi;
import io.mortar.server.config.ConfigException;
import io.mortar.server.config.ServerConfig;
import io.mortar.server.crawlers.CrawlCredentials;
import io.mortar.server.crawlers.CrawlersApi;
import io.mortar.server.events.EventIntake;
import io.mortar.server.events.S3NotificationEndpoint;
import io.mortar.server.events.TriggerEventsEndpoint;
import io.mortar.server.http.HttpEdge;
import io.mortar.server.jobs.JobsApi;
import io.mortar.server.jobs.RunCredentials;
import io.mortar.server.orchestration.Orchestrator;
import io.mortar.server.orchestration.RunDetails;
import io.mortar.server.protocol.GlueJsonProtocol;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.server.triggers.TriggersApi;
import io.mortar.server.workflows.WorkflowsApi;
import io.mortar.store.Stores;
import io.mortar.store.jdbc.JdbcStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Mortar: the catalog store opened (and migrated), the Glue API served on {@code POST /} and
 * {@code GET /health} answering 200 once everything is ready.
 */
public final class MortarServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MortarServer.class);

    /** How often scheduled triggers are checked: a firing starts within this of its due time. */
    private static final Duration ORCHESTRATION_TICK = Duration.ofMillis(100);
    /** How often workflow runs and conditional triggers are looked at when no run's end woke them earlier. */
    private static final Duration ORCHESTRATION_SETTLE = Duration.ofSeconds(1);

    private final ServerConfig config;
    private final Stores stores;
    private final Catalog catalog;
    private final JobsApi jobs;
    private final CrawlersApi crawlers;
    private final Orchestrator orchestrator;
    private final EventIntake events;
    private final Javalin http;
    private final Set<String> operationNames;
    private final ApiAccess access;

    private MortarServer(ServerConfig config, Stores stores, Catalog catalog, JobsApi jobs, CrawlersApi crawlers,
                         Orchestrator orchestrator, EventIntake events, Javalin http, Set<String> operationNames,
                         ApiAccess access) {
        this.access = access;
        this.orchestrator = orchestrator;
        this.events = events;
        this.config = config;
        this.operationNames = operationNames;
        this.stores = stores;
        this.catalog = catalog;
        this.jobs = jobs;
        this.crawlers = crawlers;
        this.http = http;
    }

    public static MortarServer start(ServerConfig config) {
        requireNonNull(config, "config");
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + config.dataDir(), e);
        }
        Stores stores = JdbcStores.open(config.store());
        Catalog catalog = new Catalog(stores.catalog(), config.identity(), Clock.systemUTC());
        JobsApi jobs = null;
        CrawlersApi crawlers = null;
        Orchestrator orchestrator = null;
        EventIntake events = null;
        try {
            ConnectionKey secretsKey = ConnectionsApi.key(config); // resolved once: it may be made on first start
            ApiAccess access = access(config, stores, secretsKey);
            GlueOperations operations = new GlueOperations();
            CatalogApi.register(operations, catalog);
            ConnectionService connections = ConnectionsApi.register(operations, stores.connections(), catalog.tags(),
                    config, secretsKey, Clock.systemUTC());
            ClassifierLookup classifiers = ClassifiersApi.register(operations, stores.classifiers(), Clock.systemUTC());
            // Drivers get the endpoint when they launch, which is after the server listens (its port may be 0).
            AtomicReference<URI> endpoint = new AtomicReference<>();
            crawlers = CrawlersApi.register(operations, catalog, stores.crawlers(), stores.crawls(), connections,
                    classifiers, config, access.keys().<CrawlCredentials>map(keys -> new CrawlRunCredentials(keys,
                            config.identity(), Clock.systemUTC())).orElse(CrawlCredentials.NONE), Clock.systemUTC());
            CrawlersApi crawlersApi = crawlers;
            jobs = JobsApi.register(operations, stores.jobs(), stores.bookmarks(), catalog.tags(), config,
                    endpoint::get, access.keys().<RunCredentials>map(keys -> new JobRunCredentials(keys,
                            config.identity(), Clock.systemUTC())).orElse(RunCredentials.NONE), Clock.systemUTC());
            JobsApi jobsApi = jobs;
            orchestrator = new Orchestrator(stores.triggers(), stores.workflows(), stores.jobs(), stores.crawls(),
                    new ServiceActions(jobsApi, crawlersApi), Clock.systemUTC(), ORCHESTRATION_TICK,
                    ORCHESTRATION_SETTLE);
            Orchestrator orchestration = orchestrator;
            jobs.onRunEnded(orchestration::wake);
            crawlers.onCrawlEnded(orchestration::wake);
            WorkflowsApi.register(operations, stores.workflows(), stores.triggers(), catalog.tags(), config.identity(),
                    orchestration, new RunDetails(stores.workflows(), stores.jobs(), stores.crawls()),
                    Clock.systemUTC());
            TriggersApi.register(operations, stores.triggers(), stores.jobs(), stores.crawlers(), stores.workflows(),
                    catalog.tags(), config, orchestration.firer()::fireOnDemand, Clock.systemUTC());
            // After TriggersApi: the intake reads trigger tags, whose kind it registers.
            events = new EventIntake(stores.events(), stores.triggers(), catalog.tags(), config.identity(),
                    config.s3(), orchestration.firer(), Clock.systemUTC(), config.events());
            S3NotificationEndpoint notifications = new S3NotificationEndpoint(events);
            TriggerEventsEndpoint triggerEvents = new TriggerEventsEndpoint(events);
            GlueJsonProtocol protocol = new GlueJsonProtocol(operations, GlueServiceModel.load(), access::guard);
            EndpointResources own = new EndpointResources(config.identity(), stores.jobs(), stores.crawls());
            Javalin http = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                HttpEdge.configure(cfg, config.listen());
                cfg.routes.before(access::authenticate);
                cfg.routes.post("/", protocol);
                cfg.routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
                // Mortar's own endpoints are allowed as the Glue call each amounts to
                cfg.routes.get("/runs/{runId}/log", access.guarded("glue:GetJobRun", own::runJob,
                        jobsApi::serveLog));
                cfg.routes.get("/crawlers/{name}/progress", access.guarded("glue:GetCrawler", own::crawler,
                        crawlersApi::serveProgress));
                cfg.routes.post("/crawlers/{name}/dry-run", access.guarded("glue:StartCrawler", own::crawler,
                        crawlersApi::serveDryRun));
                cfg.routes.get("/crawls/{id}/log", access.guarded("glue:ListCrawls", own::crawlCrawler,
                        crawlersApi::serveLog));
                cfg.routes.post("/events/s3", access.guarded("glue:NotifyEvent", ctx -> List.of("*"),
                        notifications::handle));
                cfg.routes.get("/triggers/{name}/events", access.guarded("glue:GetTrigger", own::trigger,
                        triggerEvents::handle));
                access.keys().ifPresent(keys -> new KeysEndpoint(access, keys, config.identity()).register(cfg));
                // Mortar's own endpoints fail through the Glue protocol's renderer too: one shape for every error.
                cfg.routes.exception(Exception.class, (e, ctx) ->
                        GlueJsonProtocol.writeFailure(ctx, ctx.method() + " " + ctx.path(), e));
            });
            http.start();
            MortarServer server = new MortarServer(config, stores, catalog, jobs, crawlers, orchestrator, events, http,
                    Set.copyOf(operations.names()), access);
            endpoint.set(server.endpoint());
            try {
                jobs.reconcile(); // runs a previous server left in progress; retries it starts need the endpoint
                events.start();
            } catch (RuntimeException e) {
                http.stop(); // the port is free again for the next attempt
                throw e;
            }
            LOG.info("Mortar is serving the Glue API at {} (store: {})", server.endpoint(), describe(config));
            if (access.keys().isEmpty()) {
                LOG.warn("Authentication is OFF (--insecure-no-auth): anyone who can reach {} can do anything",
                        server.endpoint());
            } else {
                LOG.info("Requests must be signed (SigV4). The root access key is in {} (AWS shared-credentials"
                        + " format: AWS_SHARED_CREDENTIALS_FILE={})", server.credentialsFile(),
                        server.credentialsFile());
            }
            return server;
        } catch (RuntimeException e) {
            if (events != null) {
                events.close();
            }
            if (orchestrator != null) {
                orchestrator.close();
            }
            if (jobs != null) {
                jobs.close();
            }
            if (crawlers != null) {
                crawlers.close();
            }
            stores.close();
            throw e;
        }
    }

    /**
     * With authentication on, the store's access keys (the root key made on first start, and written to the data
     * directory for the local tools); without it, no checks at all.
     */
    private static ApiAccess access(ServerConfig config, Stores stores, ConnectionKey key) {
        if (!config.auth().enabled()) {
            return ApiAccess.OPEN;
        }
        AccessKeys keys = new AccessKeys(stores.accessKeys(), new PasswordCipher(key), config.identity(),
                Clock.systemUTC());
        AccessKeys.Issued root;
        try {
            root = keys.root();
        } catch (PasswordCipher.WrongKeyException e) {
            // nothing could be verified: refuse to start rather than refuse every request
            throw new ConfigException("The store's access keys were encrypted with another key than " + key.origin()
                    + ": start this server with the key the store's first server had (mortar.connections.key, or"
                    + " its connection.key file).");
        }
        LocalCredentialsFile.write(config.dataDir(), root);
        return ApiAccess.verifying(keys, config.identity(), Clock.systemUTC());
    }

    /** The access keys, when requests must be signed. */
    public Optional<AccessKeys> accessKeys() {
        return access.keys();
    }

    /** Where the root access key is, in the AWS shared-credentials file format. */
    public java.nio.file.Path credentialsFile() {
        return LocalCredentialsFile.in(config.dataDir());
    }

    private static String describe(ServerConfig config) {
        String url = config.store().url();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query); // never log credentials passed in the URL
    }

    public int port() {
        return http.port();
    }

    /** Where this server is reached: its bind address (loopback for a wildcard one), https:// with TLS. */
    public URI endpoint() {
        String host = config.listen().wildcard() ? "127.0.0.1" : config.listen().bind();
        return URI.create(config.listen().scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + port());
    }

    /** The Glue operations this server answers, as registered by its services. */
    public Set<String> operationNames() {
        return operationNames;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The stores the server runs on: for tests that act as a job's driver would (committing its bookmark). */
    public Stores stores() {
        return stores;
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops serving. Job drivers keep running; the next server on this store adopts them. */
    @Override
    public void close() {
        http.stop();
        events.close();
        orchestrator.close();
        crawlers.close();
        jobs.close();
        stores.close();
    }
}
