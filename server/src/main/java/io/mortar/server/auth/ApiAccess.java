package io.mortar.server.auth;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.mortar.auth.Principal;
import io.mortar.auth.sigv4.SigV4Verifier;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.server.protocol.GlueOperations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may do what on this server: every request but {@code GET /health} verified by its SigV4 signature
 * ({@link RequestAuthenticator}), every operation authorized by the signer's policies over the resources it acts on
 * ({@link OperationResources}), Mortar's own endpoints as the Glue operation each one amounts to. {@link #OPEN} is
 * the server without authentication ({@code --insecure-no-auth}).
 */
public final class ApiAccess {
    /** AWS's window for a request's date against the server's clock. */
    public static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
    public static final ApiAccess OPEN = new ApiAccess(null, null, null);

    private final AccessKeys keys;
    private final RequestAuthenticator authenticator;
    private final OperationResources resources;

    private ApiAccess(AccessKeys keys, RequestAuthenticator authenticator, OperationResources resources) {
        this.keys = keys;
        this.authenticator = authenticator;
        this.resources = resources;
    }

    public static ApiAccess verifying(AccessKeys keys, CatalogIdentity identity, Clock clock) {
        requireNonNull(keys, "keys");
        SigV4Verifier verifier = new SigV4Verifier(identity.region(), "glue", clock, ALLOWED_SKEW);
        return new ApiAccess(keys, new RequestAuthenticator(verifier, keys), new OperationResources(identity));
    }

    public boolean enabled() {
        return authenticator != null;
    }

    /** The keys, when authentication is on. */
    public Optional<AccessKeys> keys() {
        return Optional.ofNullable(keys);
    }

    /** Javalin's before-handler: verifies the signature of every request but the health check's. */
    public void authenticate(Context ctx) {
        if (authenticator != null && !ctx.path().equals("/health")) {
            authenticator.authenticate(ctx);
        }
    }

    /** The guard of a Glue operation: the signer's policies decide over the resources the request names. */
    public GlueOperations.Guard guard(Context ctx) {
        Optional<Principal> principal = RequestAuthenticator.principal(ctx);
        if (authenticator == null || principal.isEmpty()) {
            return GlueOperations.Guard.NONE;
        }
        Principal signer = principal.get();
        return (operation, request) -> signer.authorize("glue:" + operation,
                () -> resources.of(operation, request));
    }

    /**
     * One of Mortar's own endpoints, allowed when the signer may make the Glue call it amounts to (reading a run's
     * log is reading the run: {@code glue:GetJobRun} on its job).
     *
     * @param resources the ARNs the call acts on, from the request (its path)
     */
    public Handler guarded(String action, Function<Context, List<String>> resources, Handler handler) {
        return ctx -> {
            if (authenticator != null) {
                Principal signer = RequestAuthenticator.principal(ctx).orElseThrow();
                signer.authorize(action, () -> resources.apply(ctx));
            }
            handler.handle(ctx);
        };
    }
}
