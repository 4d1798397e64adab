package io.mortar.auth.sigv4;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;

/**
 * Every refusal the verifier sends, worded as AWS words it (the messages clients, forums and the SDKs' retry
 * logic know, trailing spaces included). One place, so a message is never spelled twice.
 */
final class SigV4Errors {
    private SigV4Errors() {
    }

    static GlueException missingAuthenticationToken() {
        return new GlueException(GlueErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    static GlueException notKeyValuePair(String part, String authorization) {
        return incomplete("'" + part + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + authorization + "'.");
    }

    /** AWS lists every missing part in one message, then echoes the header it was given. */
    static GlueException missingParts(String missing, String authorization) {
        return incomplete(missing + "Authorization=" + authorization);
    }

    static String requiresParameter(String name) {
        return "Authorization header requires '" + name + "' parameter. ";
    }

    static String requiresDate() {
        return "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    }

    static GlueException dateNotBasicFormat(String date) {
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + date
                + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static GlueException signatureExpired(String requestDate, String earliest, String now, long skewMinutes) {
        return invalid("Signature expired: " + requestDate + " is now earlier than " + earliest + " (" + now
                + " - " + skewMinutes + " min.)");
    }

    static GlueException signatureNotYetCurrent(String requestDate, String latest, String now, long skewMinutes) {
        return invalid("Signature not yet current: " + requestDate + " is still later than " + latest + " (" + now
                + " + " + skewMinutes + " min.)");
    }

    static GlueException hostNotSigned() {
        return invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    static GlueException unsupportedAlgorithm(String algorithm) {
        return incomplete("Unsupported AWS 'algorithm': '" + algorithm + "' (only " + SigV4Verifier.ALGORITHM
                + " for now). ");
    }

    static GlueException credentialNotFiveElements(String credential) {
        return incomplete("Credential must have exactly 5 slash-delimited elements, "
                + "e.g. keyid/date/region/service/term, got '" + credential + "'");
    }

    static String wrongRegion() {
        return "Credential should be scoped to a valid region. ";
    }

    static String wrongService(String service) {
        return "Credential should be scoped to correct service: '" + service + "'. ";
    }

    static String wrongTerminator(String terminator) {
        return "Credential should be scoped with a valid terminator: '" + SigV4Verifier.TERMINATOR + "', not '"
                + terminator + "'. ";
    }

    static String wrongScopeDate(String scopeDate, String requestDay, String requestDate) {
        return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                + scopeDate + "' != '" + requestDay + "', from '" + requestDate + "'.";
    }

    /** AWS reports every wrong part of the scope at once. */
    static GlueException wrongScope(String reasons) {
        return invalid(reasons);
    }

    /** Unknown key, and a missing or wrong session token alike: AWS does not say which. */
    static GlueException unrecognizedClient() {
        return new GlueException(GlueErrorCode.UNRECOGNIZED_CLIENT,
                "The security token included in the request is invalid.");
    }

    static GlueException signatureMismatch() {
        return invalid("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. "
                + "Consult the service documentation for details.");
    }

    static GlueException expiredToken() {
        return new GlueException(GlueErrorCode.EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    private static GlueException incomplete(String message) {
        return new GlueException(GlueErrorCode.INCOMPLETE_SIGNATURE, message);
    }

    private static GlueException invalid(String message) {
        return new GlueException(GlueErrorCode.INVALID_SIGNATURE, message);
    }
}
