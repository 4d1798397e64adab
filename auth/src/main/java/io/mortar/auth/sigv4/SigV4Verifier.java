package io.mortar.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 on a request (the {@code Authorization} header form every AWS SDK and the AWS
 * CLI send), answering each failure with the error type and message AWS answers it with.
 *
 * <p>The checks run in the order AWS runs them, so a request wrong in two ways gets the error AWS would give:
 * <ol>
 *   <li>no {@code Authorization} header: {@code MissingAuthenticationTokenException};</li>
 *   <li>the header's shape: parts not {@code key=value}, then every missing part ({@code Credential},
 *       {@code Signature}, {@code SignedHeaders}) and a missing {@code X-Amz-Date}/{@code Date}, in one
 *       {@code IncompleteSignatureException};</li>
 *   <li>the date: not ISO 8601 basic format (incomplete), then outside the allowed skew either way
 *       ({@code InvalidSignatureException}, "Signature expired" / "Signature not yet current");</li>
 *   <li>{@code host} among the signed headers (invalid), the algorithm, the credential's five parts
 *       (incomplete);</li>
 *   <li>the scope: region, service, terminator and day, every wrong one named in one message (invalid);</li>
 *   <li>the access key: unknown is {@code UnrecognizedClientException};</li>
 *   <li>the signature, compared in constant time (invalid);</li>
 *   <li>the session token: a temporary key needs its own token, a long-term key none (unrecognized), then a
 *       temporary credential past its end is {@code ExpiredTokenException}.</li>
 * </ol>
 * The token is checked after the signature, as AWS does: only someone holding the secret learns whether a token
 * is right. Everything before the key lookup needs no secret and costs no store access, so malformed and stale
 * requests are refused cheapest. The date itself needs not be a signed header: it is part of the string to sign.
 * Like AWS, the verifier does not remember signatures: a captured request replays until it leaves the skew
 * window. Pre-signed URLs (query-string signatures) are not accepted: no Glue client sends them.
 *
 * <p>Thread-safe; one instance serves all requests. Per request it hashes the body and the canonical request
 * and computes one HMAC; signing keys are cached per secret and day (see {@link SigningKeys}).
 */
public final class SigV4Verifier {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";

    private final String region;
    private final String service;
    private final Clock clock;
    private final Duration allowedSkew;
    private final SigningKeys signingKeys;

    /** region: the server's (e.g. us-east-1); service: "glue"; skew: AWS's 15 minutes. */
    public SigV4Verifier(String region, String service, Clock clock, Duration allowedSkew) {
        this.region = requireNonNull(region, "region");
        this.service = requireNonNull(service, "service");
        this.clock = requireNonNull(clock, "clock");
        this.allowedSkew = requireNonNull(allowedSkew, "allowedSkew");
        if (allowedSkew.isNegative()) {
            throw new IllegalArgumentException("allowedSkew must not be negative: " + allowedSkew);
        }
        this.signingKeys = new SigningKeys(region, service);
    }

    /** The credential that signed the request, or a io.mortar.model.GlueException with AWS's error code and message. */
    public Credential verify(SignedRequest request, CredentialLookup keys) {
        requireNonNull(request, "request");
        requireNonNull(keys, "keys");
        String authorization = HeaderValues.first(request.headers(), "authorization");
        if (authorization == null || authorization.isBlank()) {
            throw SigV4Errors.missingAuthenticationToken();
        }
        String date = HeaderValues.first(request.headers(), "x-amz-date");
        if (date == null) {
            date = HeaderValues.first(request.headers(), "date");
        }
        AuthorizationHeader header = AuthorizationHeader.parse(authorization, date != null);
        RequestTime time = RequestTime.parse(date.strip());
        Instant now = clock.instant();
        checkSkew(time, now);
        List<String> signedHeaderNames = signedHeaderNames(header.signedHeaders());
        if (!header.algorithm().equals(ALGORITHM)) {
            throw SigV4Errors.unsupportedAlgorithm(header.algorithm());
        }
        CredentialScope scope = CredentialScope.parse(header.credential());
        checkScope(scope, time);
        Credential credential = keys.find(scope.accessKeyId()).orElseThrow(SigV4Errors::unrecognizedClient);

        String canonicalRequest = CanonicalRequest.of(request, signedHeaderNames, header.signedHeaders(),
                Sha256.hex(request.body()));
        String stringToSign = ALGORITHM + '\n' + time.basic() + '\n' + scope.scope() + '\n'
                + Sha256.hex(canonicalRequest);
        byte[] signingKey = signingKeys.key(credential.secretAccessKey(), scope.day());
        String expected = Sha256.hexOf(Sha256.hmac(signingKey, stringToSign));
        if (!constantTimeEquals(expected, header.signature())) {
            throw SigV4Errors.signatureMismatch();
        }

        checkSessionToken(credential, HeaderValues.first(request.headers(), "x-amz-security-token"));
        Optional<Instant> expiresAt = credential.expiresAt();
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get())) {
            throw SigV4Errors.expiredToken();
        }
        return credential;
    }

    private void checkSkew(RequestTime time, Instant now) {
        Instant earliest = now.minus(allowedSkew);
        Instant latest = now.plus(allowedSkew);
        if (time.instant().isBefore(earliest)) {
            throw SigV4Errors.signatureExpired(time.basic(), RequestTime.basic(earliest), RequestTime.basic(now),
                    allowedSkew.toMinutes());
        }
        if (time.instant().isAfter(latest)) {
            throw SigV4Errors.signatureNotYetCurrent(time.basic(), RequestTime.basic(latest), RequestTime.basic(now),
                    allowedSkew.toMinutes());
        }
    }

    /** The signed header names, lower-cased; refused unless {@code host} is one of them. */
    private static List<String> signedHeaderNames(String signedHeaders) {
        List<String> names = new ArrayList<>(8);
        boolean hostSigned = false;
        int start = 0;
        while (start <= signedHeaders.length()) {
            int end = signedHeaders.indexOf(';', start);
            if (end < 0) {
                end = signedHeaders.length();
            }
            if (end > start) {
                String name = signedHeaders.substring(start, end).toLowerCase(Locale.ROOT);
                hostSigned |= name.equals("host");
                names.add(name);
            }
            start = end + 1;
        }
        if (!hostSigned) {
            throw SigV4Errors.hostNotSigned();
        }
        return names;
    }

    private void checkScope(CredentialScope scope, RequestTime time) {
        boolean regionRight = scope.region().equals(region);
        boolean serviceRight = scope.service().equals(service);
        boolean terminatorRight = scope.terminator().equals(TERMINATOR);
        boolean dayRight = scope.day().equals(time.day());
        if (regionRight && serviceRight && terminatorRight && dayRight) {
            return;
        }
        StringBuilder reasons = new StringBuilder();
        if (!regionRight) {
            reasons.append(SigV4Errors.wrongRegion());
        }
        if (!serviceRight) {
            reasons.append(SigV4Errors.wrongService(service));
        }
        if (!terminatorRight) {
            reasons.append(SigV4Errors.wrongTerminator(scope.terminator()));
        }
        if (!dayRight) {
            reasons.append(SigV4Errors.wrongScopeDate(scope.day(), time.day(), time.basic()));
        }
        throw SigV4Errors.wrongScope(reasons.toString());
    }

    /** A temporary key is valid only with its own token; a long-term key with any token is refused, as AWS does. */
    private static void checkSessionToken(Credential credential, String token) {
        boolean valid = credential.sessionToken().isPresent()
                ? token != null && constantTimeEquals(credential.sessionToken().get(), token)
                : token == null;
        if (!valid) {
            throw SigV4Errors.unrecognizedClient();
        }
    }

    /** Equal strings, in a time that does not depend on where they first differ. */
    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
