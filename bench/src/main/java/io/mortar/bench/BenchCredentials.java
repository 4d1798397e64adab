package io.mortar.bench;

import io.mortar.server.auth.LocalCredentialsFile;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The keys the benchmarks' clients sign with. */
public final class BenchCredentials {
    /** For servers that check nothing: moto, and builds of Mortar from before authentication. */
    public static final AwsCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));

    private BenchCredentials() {}

    /** The root key a Mortar server wrote to its data directory, or {@link #PLACEHOLDER} if it wrote none. */
    public static AwsCredentialsProvider rootOf(Path dataDir) {
        return LocalCredentialsFile.read(dataDir).orElse(PLACEHOLDER);
    }
}
