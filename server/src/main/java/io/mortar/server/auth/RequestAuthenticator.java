package io.mortar.server.auth;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.mortar.auth.Principal;
import io.mortar.auth.sigv4.Credential;
import io.mortar.auth.sigv4.LookedUpHeaders;
import io.mortar.auth.sigv4.SigV4Verifier;
import io.mortar.auth.sigv4.SignedRequest;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.server.protocol.GlueJsonProtocol;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies every request's SigV4 signature before it reaches an operation or one of Mortar's own endpoints, and
 * leaves who signed it on the request ({@link #principal}) for the operation's authorization. A request that does
 * not verify is answered with AWS's error and goes no further.
 */
public final class RequestAuthenticator {
    private static final String PRINCIPAL_ATTRIBUTE = "io.mortar.server.principal";
    private static final String TOKEN_HEADER = "X-Amz-Security-Token";
    private static final String NOTIFICATIONS_PATH = "/events/s3";

    private final SigV4Verifier verifier;
    private final AccessKeys keys;

    public RequestAuthenticator(SigV4Verifier verifier, AccessKeys keys) {
        this.verifier = requireNonNull(verifier, "verifier");
        this.keys = requireNonNull(keys, "keys");
    }

    /** Verifies the request; throws the GlueException AWS would answer with when it does not verify. */
    public void authenticate(Context ctx) {
        if (ctx.path().equals(NOTIFICATIONS_PATH) && KeyAndSecret.isPresentedIn(ctx.header("Authorization"))) {
            ctx.attribute(PRINCIPAL_ATTRIBUTE, notifier(KeyAndSecret.from(ctx.header("Authorization"))));
            return;
        }
        byte[] body = ctx.attribute(GlueJsonProtocol.BODY_ATTRIBUTE) instanceof byte[] read ? read : ctx.bodyAsBytes();
        String presentedToken = ctx.header(TOKEN_HEADER);
        Principal[] signer = new Principal[1];
        verifier.verify(new SignedRequest(ctx.method().name(), ctx.req().getRequestURI(), ctx.req().getQueryString(),
                headers(ctx), body), accessKeyId -> keys.find(accessKeyId).map(known -> {
                    signer[0] = known.principal();
                    return withPresentedToken(known.credential(), presentedToken);
                }));
        ctx.attribute(PRINCIPAL_ATTRIBUTE, signer[0]);
    }

    /**
     * A storage server's notification: S3-compatible stores cannot sign, but can send a secret — MinIO's webhook as
     * {@code Authorization: Bearer <key id>:<secret>} ({@code auth_token}), SNS and Ceph as HTTP Basic from the
     * user and password of the subscription's URL. The key must be a long-term one; its policies decide
     * ({@code glue:NotifyEvent}).
     */
    private Principal notifier(KeyAndSecret presented) {
        AccessKeys.Known known = keys.find(presented.accessKeyId())
                .filter(k -> k.credential().sessionToken().isEmpty())
                .filter(k -> MessageDigest.isEqual(k.credential().secretAccessKey().getBytes(StandardCharsets.UTF_8),
                        presented.secret().getBytes(StandardCharsets.UTF_8)))
                .orElseThrow(() -> new GlueException(GlueErrorCode.UNRECOGNIZED_CLIENT,
                        "The security token included in the request is invalid."));
        return known.principal();
    }

    /** An access key id and its secret as a notification presents them. */
    record KeyAndSecret(String accessKeyId, String secret) {
        static boolean isPresentedIn(String authorization) {
            return authorization != null && (authorization.regionMatches(true, 0, "Basic ", 0, 6)
                    || authorization.regionMatches(true, 0, "Bearer ", 0, 7));
        }

        static KeyAndSecret from(String authorization) {
            String pair;
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                try {
                    pair = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    pair = "";
                }
            } else {
                pair = authorization.substring(7).strip();
            }
            int colon = pair.indexOf(':');
            return colon < 0 ? new KeyAndSecret(pair, "") : new KeyAndSecret(pair.substring(0, colon),
                    pair.substring(colon + 1));
        }
    }

    /** Who signed the request; empty when the server runs without authentication. */
    public static Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL_ATTRIBUTE));
    }

    /**
     * Temporary credentials keep only their session token's hash: the token the request presents stands in for the
     * credential's own when its hash matches, so the verifier compares like with like; otherwise the hash stays,
     * which no presented token equals.
     */
    private static Credential withPresentedToken(Credential stored, String presented) {
        if (stored.sessionToken().isEmpty() || presented == null
                || !AccessKeys.hash(presented).equals(stored.sessionToken().get())) {
            return stored;
        }
        return new Credential(stored.accessKeyId(), stored.secretAccessKey(), Optional.of(presented),
                stored.expiresAt());
    }

    /**
     * The request's headers as Jetty holds them, looked up by name (the Servlet API's lookup ignores case): the
     * verifier reads the few a signature names, and copying them all cost more than verifying.
     */
    private static Map<String, List<String>> headers(Context ctx) {
        return new LookedUpHeaders(name -> Collections.list(ctx.req().getHeaders(name)),
                () -> Collections.list(ctx.req().getHeaderNames()));
    }
}
