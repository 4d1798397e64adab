package io.mortar.bench;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.MortarServer;
import io.mortar.server.auth.AccessKeys;
import io.mortar.server.config.AuthConfig;
import io.mortar.server.config.ServerConfig;
import io.mortar.store.jdbc.StoreSettings;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Mortar in this JVM on 127.0.0.1 (any free port), with a fresh data directory and a fresh store. */
final class MortarTarget implements BenchTarget {
    enum Backend {
        SQLITE("sqlite", "Mortar/SQLite"),
        SQLITE_NORMAL("sqlite-normal", "Mortar/SQLite(sync=NORMAL)"),
        POSTGRESQL("postgresql", "Mortar/PostgreSQL");

        final String option;
        final String label;

        Backend(String option, String label) {
            this.option = option;
            this.label = label;
        }

        static Backend fromOption(String option) {
            for (Backend b : values()) {
                if (b.option.equalsIgnoreCase(option.trim())) {
                    return b;
                }
            }
            throw new IllegalArgumentException("Unknown backend " + option + " (sqlite, sqlite-normal, postgresql)");
        }
    }

    private final FreshStore fresh;
    private final MortarServer server;

    private MortarTarget(FreshStore fresh, StoreSettings store, AuthConfig auth) {
        this.fresh = fresh;
        this.server = MortarServer.start(ServerConfig.embedded(fresh.dataDir(), 0).withStore(store).withAuth(auth));
    }

    /** With authentication on, as {@code mortar server} runs by default; its clients sign with the root key. */
    static MortarTarget start(Backend backend, String pgAdminUrl, boolean keep) {
        return start(backend, pgAdminUrl, keep, AuthConfig.ON);
    }

    static MortarTarget start(Backend backend, String pgAdminUrl, boolean keep, AuthConfig auth) {
        FreshStore fresh = FreshStore.create(backend, pgAdminUrl, keep);
        StoreSettings store = switch (backend) {
            case SQLITE -> StoreSettings.sqliteIn(fresh.dataDir());
            case SQLITE_NORMAL -> {
                StoreSettings full = StoreSettings.sqliteIn(fresh.dataDir());
                yield new StoreSettings(full.url(), null, null, full.maxConnections(), false);
            }
            case POSTGRESQL -> new StoreSettings(fresh.postgresUrl(), null, null, 16, true);
        };
        Log.info("%s: store %s", backend.label, store.url().replaceAll("password=[^&]*", "password=***"));
        return new MortarTarget(fresh, store, auth);
    }

    @Override
    public String name() {
        return fresh.backend().label;
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return BenchTarget.rootKeyIn(fresh.dataDir());
    }

    /** The server's access keys, to make more of them; empty when it runs without authentication. */
    Optional<AccessKeys> accessKeys() {
        return server.accessKeys();
    }

    CatalogIdentity identity() {
        return server.config().identity();
    }

    /** PostgreSQL: the store's statistics gathered now (see {@link FreshStore#vacuumAnalyze}). */
    void vacuumAnalyze() {
        fresh.vacuumAnalyze();
    }

    @Override
    public String footprint() {
        return fresh.footprint();
    }

    @Override
    public void close() {
        server.close();
        fresh.close();
    }
}
