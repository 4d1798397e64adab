package io.mortar.bench;

import io.mortar.bench.jobs.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Mortar from a {@link ServerBuild} in its own JVM ({@code mortar server}), on a fresh store: one side of the
 * before/after comparison. The store is chosen by the server's own settings, as a user would choose it.
 */
final class ServerTarget implements BenchTarget {
    private final String name;
    private final FreshStore store;
    private final ServerProcess process;

    private ServerTarget(String name, FreshStore store, ServerProcess process) {
        this.name = name;
        this.store = store;
        this.process = process;
    }

    static ServerTarget start(String name, ServerBuild build, FreshStore store, List<String> jvmOptions) {
        try {
            ServerProcess process = ServerProcess.start(build.cliBuild(), jvmOptions, store.dataDir(), settings(store));
            Log.info("%s: %s on %s (pid %d), data in %s", name, store.backend().label, process.endpoint(),
                    process.pid(), store.dataDir());
            return new ServerTarget(name, store, process);
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException(name + ": " + e.getMessage(), e);
        }
    }

    /** The server settings (environment variables) that put its catalog in the fresh store. */
    static Map<String, String> settings(FreshStore store) {
        return switch (store.backend()) {
            case SQLITE -> Map.of();
            case SQLITE_NORMAL -> Map.of("MORTAR_STORE_DURABLE_COMMITS", "false");
            case POSTGRESQL -> Map.of("MORTAR_STORE_URL", store.postgresUrl());
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI endpoint() {
        return process.endpoint();
    }

    @Override
    public AwsCredentialsProvider credentials() {
        return BenchTarget.rootKeyIn(store.dataDir());
    }

    @Override
    public String footprint() {
        return store.footprint();
    }

    FreshStore store() {
        return store;
    }

    @Override
    public void close() {
        process.close();
        store.close();
    }
}
