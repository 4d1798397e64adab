package io.mortar.auth.sigv4;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The canonical request SigV4 signs, rebuilt from the request as it arrived, following the rules the AWS signers
 * apply for every service but S3:
 * <pre>
 * METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n hex(SHA-256(body))
 * </pre>
 * <ul>
 *   <li>URI: the path as sent, its {@code .} and {@code ..} segments and doubled slashes removed, then URI-encoded
 *       once more (so {@code %20} on the wire is {@code %2520} here), {@code /} kept; empty is {@code /}.</li>
 *   <li>Query: each name and value decoded and encoded again the RFC 3986 way, sorted by name then value, a name
 *       without a value given an empty one.</li>
 *   <li>Headers: the signed ones in the order {@code SignedHeaders} lists them, lower-case names, values trimmed
 *       with inner white space collapsed, a repeated header's values joined by commas.</li>
 * </ul>
 */
final class CanonicalRequest {
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]);

    private CanonicalRequest() {
    }

    static String of(SignedRequest request, List<String> signedHeaderNames, String signedHeaders, String payloadHash) {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(uri(request.path())).append('\n');
        appendQuery(out, request.rawQuery());
        out.append('\n');
        for (String name : signedHeaderNames) {
            out.append(name).append(':');
            HeaderValues.appendCanonical(out, request.headers(), name);
            out.append('\n');
        }
        out.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        return out.toString();
    }

    static String uri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return UriEncoding.encode(needsNormalizing(rawPath) ? normalize(rawPath) : rawPath, true);
    }

    /**
     * Removes dot segments and doubled slashes as {@link URI#normalize()} does (what the AWS SDK for Java applies
     * before signing); a trailing slash normalizing leaves behind is dropped unless the path ended with one.
     */
    private static String normalize(String rawPath) {
        URI uri;
        try {
            uri = URI.create("http://h" + rawPath); // with an authority, so that "//x" stays a path
        } catch (IllegalArgumentException notAUri) {
            return rawPath; // characters no signer sends unencoded; the signature check decides
        }
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        if (path.length() > 1 && path.endsWith("/") && !uri.getPath().endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        return path;
    }

    private static boolean needsNormalizing(String path) {
        return path.contains("//") || path.contains("/./") || path.contains("/../") || path.endsWith("/.")
                || path.endsWith("/..");
    }

    private static void appendQuery(StringBuilder out, String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                int equals = rawQuery.indexOf('=', start);
                boolean hasValue = equals >= 0 && equals < end;
                String name = rawQuery.substring(start, hasValue ? equals : end);
                if (!name.isEmpty()) { // the AWS signers do not sign a parameter without a name
                    String value = hasValue ? rawQuery.substring(equals + 1, end) : "";
                    pairs.add(new String[] {UriEncoding.reencodeQueryComponent(name),
                        UriEncoding.reencodeQueryComponent(value)});
                }
            }
            start = end + 1;
        }
        pairs.sort(BY_NAME_THEN_VALUE);
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                out.append('&');
            }
            out.append(pairs.get(i)[0]).append('=').append(pairs.get(i)[1]);
        }
    }
}
