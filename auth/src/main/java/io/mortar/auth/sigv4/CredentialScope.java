package io.mortar.auth.sigv4;

/**
 * The {@code Credential} part of an {@code Authorization} header: {@code AKID/20261207/us-east-1/glue/aws4_request}.
 * The four parts after the key id are the scope a signing key is derived for.
 */
record CredentialScope(String accessKeyId, String day, String region, String service, String terminator) {

    /** Trailing slashes are ignored, as AWS ignores them; anything but five parts is an incomplete signature. */
    static CredentialScope parse(String credential) {
        int end = credential.length();
        while (end > 0 && credential.charAt(end - 1) == '/') {
            end--;
        }
        String[] parts = new String[5];
        int count = 0;
        int start = 0;
        for (int i = 0; i <= end; i++) {
            if (i == end || credential.charAt(i) == '/') {
                if (count == parts.length) {
                    throw SigV4Errors.credentialNotFiveElements(credential);
                }
                parts[count++] = credential.substring(start, i);
                start = i + 1;
            }
        }
        if (count != parts.length) {
            throw SigV4Errors.credentialNotFiveElements(credential);
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /** The scope line of the string to sign. */
    String scope() {
        return day + '/' + region + '/' + service + '/' + terminator;
    }
}
