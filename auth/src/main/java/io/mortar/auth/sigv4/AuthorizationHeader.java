package io.mortar.auth.sigv4;

/**
 * The parts of a SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/glue/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=hex}. Parsed as AWS parses it: the parts after the algorithm are separated by commas and/or white
 * space, each must be {@code key=value} (a later key wins), and every missing part is reported in one message
 * together with a missing date. A header whose first word is not an {@code AWS4-} algorithm (a SigV2 header, a
 * bearer token) has no parts AWS reads, so it is refused as lacking all of them, as AWS does.
 *
 * @param signedHeaders as written, {@code ;}-separated; may be empty (then {@code host} is not signed)
 */
record AuthorizationHeader(String algorithm, String credential, String signedHeaders, String signature) {

    /**
     * @param hasDate whether the request carries {@code X-Amz-Date} or {@code Date}: AWS names its absence in the
     *     same message as the missing parts
     */
    static AuthorizationHeader parse(String text, boolean hasDate) {
        String header = text.strip();
        int end = firstWhitespace(header, 0);
        String algorithm = header.substring(0, end);
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        if (algorithm.startsWith("AWS4-")) {
            int i = end;
            while (i < header.length()) {
                char c = header.charAt(i);
                if (c == ',' || Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                int partEnd = partEnd(header, i);
                String part = header.substring(i, partEnd);
                int equals = part.indexOf('=');
                if (equals < 0) {
                    throw SigV4Errors.notKeyValuePair(part, header);
                }
                String key = part.substring(0, equals);
                String value = part.substring(equals + 1);
                switch (key) {
                    case "Credential" -> credential = value;
                    case "SignedHeaders" -> signedHeaders = value;
                    case "Signature" -> signature = value;
                    default -> {
                        // AWS ignores parts it does not know
                    }
                }
                i = partEnd;
            }
        }
        StringBuilder missing = new StringBuilder();
        if (credential == null || credential.isEmpty()) {
            missing.append(SigV4Errors.requiresParameter("Credential"));
        }
        if (signature == null || signature.isEmpty()) {
            missing.append(SigV4Errors.requiresParameter("Signature"));
        }
        if (signedHeaders == null) {
            missing.append(SigV4Errors.requiresParameter("SignedHeaders"));
        }
        if (!hasDate) {
            missing.append(SigV4Errors.requiresDate());
        }
        if (!missing.isEmpty()) {
            throw SigV4Errors.missingParts(missing.toString(), header);
        }
        return new AuthorizationHeader(algorithm, credential, signedHeaders, signature);
    }

    private static int firstWhitespace(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return s.length();
    }

    private static int partEnd(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return s.length();
    }
}
