package io.mortar.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Derives SigV4 signing keys ({@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")})
 * and remembers them: a key is the same for a whole day, and deriving it is four HMACs, the verifier's largest
 * cost after hashing the body. Region and service are the verifier's own, so a cache entry is keyed by secret
 * and day. The map is bounded: when it is full it is emptied, which costs one derivation per key in use and
 * cannot grow with an attacker's guesses (only known secrets are ever derived).
 */
final class SigningKeys {
    static final int MAX_ENTRIES = 1024;

    private final String region;
    private final String service;
    private final ConcurrentHashMap<Entry, byte[]> cache = new ConcurrentHashMap<>();

    SigningKeys(String region, String service) {
        this.region = region;
        this.service = service;
    }

    byte[] key(String secretAccessKey, String day) {
        Entry entry = new Entry(secretAccessKey, day);
        byte[] key = cache.get(entry);
        if (key == null) {
            key = derive(secretAccessKey, day, region, service);
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(entry, key);
        }
        return key;
    }

    int size() {
        return cache.size();
    }

    static byte[] derive(String secretAccessKey, String day, String region, String service) {
        byte[] dateKey = Sha256.hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
        byte[] regionKey = Sha256.hmac(dateKey, region);
        byte[] serviceKey = Sha256.hmac(regionKey, service);
        return Sha256.hmac(serviceKey, SigV4Verifier.TERMINATOR);
    }

    /** A cache key; its toString must not print the secret. */
    private record Entry(String secretAccessKey, String day) {
        @Override
        public String toString() {
            return "Entry[" + day + "]";
        }
    }
}
