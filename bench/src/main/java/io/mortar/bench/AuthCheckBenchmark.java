package io.mortar.bench;

import io.mortar.auth.Principal;
import io.mortar.auth.policy.Policies;
import io.mortar.auth.policy.Policy;
import io.mortar.auth.sigv4.Credential;
import io.mortar.auth.sigv4.CredentialLookup;
import io.mortar.auth.sigv4.SigV4Verifier;
import io.mortar.auth.sigv4.SignedRequest;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.auth.ApiAccess;
import io.mortar.server.auth.OperationResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionRequest;
import software.amazon.awssdk.services.glue.model.GetTableRequest;

/**
 * The server's authentication of one request without HTTP, in its two halves: verifying the SigV4 signature of a
 * request the AWS SDK's GlueClient signed (GetTable; BatchGetPartition of 100 keys, whose larger body is hashed),
 * and authorizing the call by a signer's policies over the resources it names. The end-to-end cost, as a client
 * sees it, is {@link AuthOverheadBenchmark}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class AuthCheckBenchmark {
    private static final String KEY_ID = "AKIAJMHBENCHMARK0001";
    private static final String SECRET = "jmh-benchmark-secret-key-0000000000000000";

    private final CatalogIdentity identity = CatalogIdentity.DEFAULT;
    private final SigV4Verifier verifier = new SigV4Verifier(identity.region(), "glue", Clock.systemUTC(),
            ApiAccess.ALLOWED_SKEW);
    private final CredentialLookup lookup = id -> Optional.of(new Credential(KEY_ID, SECRET, Optional.empty(),
            Optional.empty()));
    private final OperationResources resources = new OperationResources(identity);
    private SignedRequest getTable;
    private SignedRequest batchGet;
    private GetTableRequest getTableRequest;
    private BatchGetPartitionRequest batchGetRequest;

    /** Whose policies decide: the root key's allow-all, an analyst's, an ETL key's (see {@link AuthSigners}). */
    @State(Scope.Benchmark)
    public static class Signer {
        @Param({"root", "analyst", "etl"})
        public String signer;

        private Principal principal;

        @Setup(Level.Trial)
        public void policies() {
            CatalogIdentity identity = CatalogIdentity.DEFAULT;
            Policies policies = switch (signer) {
                case "root" -> Policies.allowAll();
                case "analyst" -> Policies.of(List.of(Policy.parse(AuthSigners.ANALYST)));
                case "etl" -> Policies.of(List.of(Policy.parse(AuthSigners.etl(identity,
                        PartitionDataSet.DATABASE))));
                default -> throw new IllegalArgumentException("unknown signer " + signer);
            };
            principal = new Principal(KEY_ID, signer, "arn:aws:iam::" + identity.accountId() + ":user/" + signer,
                    policies);
        }
    }

    @Setup(Level.Trial)
    public void sign() {
        getTableRequest = GetTableRequest.builder().databaseName(PartitionDataSet.DATABASE)
                .name(PartitionDataSet.TABLE).build();
        batchGetRequest = BatchGetPartitionRequest.builder().databaseName(PartitionDataSet.DATABASE)
                .tableName(PartitionDataSet.TABLE).partitionsToGet(AuthOverheadBenchmark.batchKeys(10_000)).build();
        getTable = signed(glue -> glue.getTable(getTableRequest));
        batchGet = signed(glue -> glue.batchGetPartition(batchGetRequest));
        verifyGetTable(); // a request that does not verify would time its refusal
        verifyBatchGetPartition();
    }

    @Benchmark
    public Credential verifyGetTable() {
        return verifier.verify(getTable, lookup);
    }

    @Benchmark
    public Credential verifyBatchGetPartition() {
        return verifier.verify(batchGet, lookup);
    }

    @Benchmark
    public List<String> resourcesGetTable() {
        return resources.of("GetTable", getTableRequest);
    }

    @Benchmark
    public Principal authorizeGetTable(Signer by) {
        by.principal.authorize("glue:GetTable", resources.of("GetTable", getTableRequest));
        return by.principal;
    }

    @Benchmark
    public Principal authorizeBatchGetPartition(Signer by) {
        by.principal.authorize("glue:BatchGetPartition", resources.of("BatchGetPartition", batchGetRequest));
        return by.principal;
    }

    /** The request as the SDK sends it, signed; captured just before it would go on the wire, and not sent. */
    static SignedRequest signed(Consumer<GlueClient> call) {
        SignedRequest[] captured = new SignedRequest[1];
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                SdkHttpRequest http = context.httpRequest();
                byte[] body = context.requestBody().map(b -> {
                    try (InputStream in = b.contentStreamProvider().newStream()) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse(new byte[0]);
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                headers.putAll(http.headers());
                captured[0] = new SignedRequest(http.method().name(), http.encodedPath().isEmpty() ? "/"
                        : http.encodedPath(), null, headers, body);
                throw new CapturedRequest();
            }
        };
        try (GlueClient glue = GlueClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(Region.of(CatalogIdentity.DEFAULT.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .overrideConfiguration(o -> o.addExecutionInterceptor(capture)).build()) {
            call.accept(glue);
        } catch (CapturedRequest expected) {
            return captured[0];
        }
        throw new IllegalStateException("the request was not captured");
    }

    /** Stops the SDK once the signed request is captured. */
    private static final class CapturedRequest extends RuntimeException {
        CapturedRequest() {
            super("captured", null, false, false);
        }
    }
}
