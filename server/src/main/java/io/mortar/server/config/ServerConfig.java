package io.mortar.server.config;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.store.jdbc.StoreSettings;
import java.nio.file.Path;

/**
 * Everything {@code mortar server} runs with, one typed part per concern. Built by {@link ConfigLoader} from
 * defaults, an optional properties file, {@code MORTAR_*} environment variables and command-line flags.
 */
public record ServerConfig(ListenConfig listen, Path dataDir, StoreSettings store, CatalogIdentity identity,
                           JobsConfig jobs, S3Config s3, ConnectionsConfig connections,
                           CrawlersConfig crawlers, EventsConfig events, AuthConfig auth) {
    public ServerConfig {
        requireNonNull(listen, "listen");
        requireNonNull(dataDir, "dataDir");
        requireNonNull(store, "store");
        requireNonNull(identity, "identity");
        requireNonNull(jobs, "jobs");
        requireNonNull(s3, "s3");
        requireNonNull(connections, "connections");
        requireNonNull(crawlers, "crawlers");
        requireNonNull(events, "events");
        requireNonNull(auth, "auth");
    }

    /** The embedded defaults in {@code dataDir}, listening on loopback at {@code port} (0 = any free port). */
    public static ServerConfig embedded(Path dataDir, int port) {
        return new ServerConfig(new ListenConfig(ListenConfig.DEFAULT_BIND, port), dataDir,
                StoreSettings.sqliteIn(dataDir), CatalogIdentity.DEFAULT, JobsConfig.defaults(System.getenv()),
                S3Config.NONE, ConnectionsConfig.DEFAULTS, CrawlersConfig.DEFAULTS,
                EventsConfig.DEFAULTS, AuthConfig.ON);
    }

    public ServerConfig withListen(ListenConfig settings) {
        return new ServerConfig(settings, dataDir, store, identity, jobs, s3, connections, crawlers, events, auth);
    }

    public ServerConfig withStore(StoreSettings settings) {
        return new ServerConfig(listen, dataDir, settings, identity, jobs, s3, connections, crawlers, events, auth);
    }

    public ServerConfig withJobs(JobsConfig settings) {
        return new ServerConfig(listen, dataDir, store, identity, settings, s3, connections, crawlers, events, auth);
    }

    public ServerConfig withS3(S3Config settings) {
        return new ServerConfig(listen, dataDir, store, identity, jobs, settings, connections, crawlers, events, auth);
    }

    public ServerConfig withConnections(ConnectionsConfig settings) {
        return new ServerConfig(listen, dataDir, store, identity, jobs, s3, settings, crawlers, events, auth);
    }

    public ServerConfig withCrawlers(CrawlersConfig settings) {
        return new ServerConfig(listen, dataDir, store, identity, jobs, s3, connections, settings, events, auth);
    }

    public ServerConfig withAuth(AuthConfig settings) {
        return new ServerConfig(listen, dataDir, store, identity, jobs, s3, connections, crawlers, events, settings);
    }

    public ServerConfig withEvents(EventsConfig settings) {
        return new ServerConfig(listen, dataDir, store, identity, jobs, s3, connections, crawlers, settings, auth);
    }
}
