package io.mortar.server.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Where the external Glue clients live and the environment they run in.
 *
 * <p>Python is {@code MORTAR_TEST_PYTHON} or {@code python3} on the PATH; the AWS CLI is {@code MORTAR_TEST_AWS_CLI}
 * or {@code aws} on the PATH. The environment is built from scratch: credentials, region and endpoint come from
 * here, and AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE point at files that do not exist, so whatever the machine
 * has in ~/.aws or its AWS_* variables cannot change what the clients do. A missing client skips the test, except
 * on CI (CI=true) where it fails, so these tests cannot silently drop out of the build.
 */
final class ClientEnvironment implements AutoCloseable {
    static final String PYTHON_VARIABLE = "MORTAR_TEST_PYTHON";
    static final String AWS_CLI_VARIABLE = "MORTAR_TEST_AWS_CLI";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);
    /** What the interpreter and pyenv-style shims need from the machine; nothing AWS-related. */
    private static final List<String> INHERITED = List.of("PATH", "HOME", "PYENV_ROOT", "PYENV_VERSION", "LANG",
            "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "PYTHONPATH");

    private final Path isolation;
    private final AwsCredentials credentials;
    /** Whether closing this one removes the isolation folder (not for the copies {@link #signingAs} makes). */
    private final boolean owner;

    private ClientEnvironment(Path isolation, AwsCredentials credentials, boolean owner) {
        this.isolation = isolation;
        this.credentials = credentials;
        this.owner = owner;
    }

    static ClientEnvironment create() {
        try {
            return new ClientEnvironment(Files.createTempDirectory("mortar-aws-home"),
                    AwsBasicCredentials.create("mortar", "mortar"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String python() {
        return Optional.ofNullable(System.getenv(PYTHON_VARIABLE)).filter(s -> !s.isBlank()).orElse("python3");
    }

    static String awsCli() {
        return Optional.ofNullable(System.getenv(AWS_CLI_VARIABLE)).filter(s -> !s.isBlank()).orElse("aws");
    }

    /** The environment every client process gets: the machine's PATH and HOME, and AWS settings of our own. */
    Map<String, String> variables() {
        Map<String, String> env = new TreeMap<>();
        for (String name : INHERITED) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials session) {
            env.put("AWS_SESSION_TOKEN", session.sessionToken());
        }
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_CONFIG_FILE", isolation.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", isolation.resolve("no-credentials").toString());
        // A test must see the server's first answer: no client-side retries hiding a failure.
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_RETRY_MODE", "standard");
        env.put("AWS_PAGER", "");
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        return env;
    }

    /** The same environment, with clients signing with {@code signer}'s keys (closing it leaves the original's). */
    ClientEnvironment signingAs(AwsCredentialsProvider signer) {
        return new ClientEnvironment(isolation, signer.resolveCredentials(), false);
    }

    /** Skips (or on CI fails) unless {@link #python()} runs and imports boto3; returns boto3's version. */
    String requireBoto3() {
        return require(List.of(python(), "-c", "import boto3; print(boto3.__version__)"),
                "python with boto3 (set " + PYTHON_VARIABLE + ")");
    }

    /** Skips (or on CI fails) unless {@link #awsCli()} runs; returns its version line. */
    String requireAwsCli() {
        return require(List.of(awsCli(), "--version"), "the AWS CLI (set " + AWS_CLI_VARIABLE + ")");
    }

    private String require(List<String> probe, String what) {
        ClientProcess.Result result;
        try {
            result = ClientProcess.run(probe, variables(), PROBE_TIMEOUT);
        } catch (UncheckedIOException e) {
            return missing(what, e.getMessage());
        }
        if (result.exitCode() != 0) {
            return missing(what, result.describe());
        }
        // awscli v1 prints its version on stderr, boto3's probe on stdout
        return (result.stdout() + result.stderr()).strip();
    }

    private static String missing(String what, String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(what + " is required on CI but is not usable: " + why);
        }
        Assumptions.abort(what + " is not available, skipping: " + why);
        throw new AssertionError("unreachable");
    }

    /** A loopback URL on which nothing listens, for checking that a client's failure is reported. */
    static URI deadEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (owner) {
            FileUtils.deleteQuietly(isolation.toFile());
        }
    }
}
