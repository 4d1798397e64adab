package io.mortar.cli.cluster;

/** The cluster did not come up: a process died or Workers did not register in time. The message has log tails. */
public class ClusterStartException extends RuntimeException {
    public ClusterStartException(String message) {
        super(message);
    }
}
