package io.mortar.store.jdbc;

/**
 * A store that cannot be opened: its database does not answer, or its schema is not one this build can bring up to
 * date (a migration edited after the store applied it, a failed migration). Nothing has been served from it; the
 * message says what to do.
 */
public final class StoreOpenException extends RuntimeException {
    public StoreOpenException(String message, Throwable cause) {
        super(message, cause);
    }
}
