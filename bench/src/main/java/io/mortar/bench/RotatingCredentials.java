package io.mortar.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Many keys behind one client: each request is signed with the next key in turn, so a server with many users'
 * keys looks each one up, rather than answering every request from the one entry its caches hold for a single
 * client. The AWS SDK asks its provider once per request.
 */
final class RotatingCredentials implements AwsCredentialsProvider {
    private final List<AwsCredentials> keys;
    private final AtomicLong handedOut = new AtomicLong();

    RotatingCredentials(List<? extends AwsCredentials> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        this.keys = List.copyOf(keys);
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return keys.get((int) (handedOut.getAndIncrement() % keys.size()));
    }

    /** The same keys in the same order, counted apart: for a second client signing alike. */
    RotatingCredentials anotherTurn() {
        return new RotatingCredentials(keys);
    }

    /** How many signatures it has handed out keys for. */
    long handedOut() {
        return handedOut.get();
    }

    int keys() {
        return keys.size();
    }
}
