package io.mortar.store.connections;

import java.time.Instant;

/**
 * A connection as stored: its ConnectionInput document without secrets, and the secrets as a JSON map of
 * property key to ciphertext (null when it has none).
 */
public record StoredConnection(String name, String connectionType, String document, String secrets, Instant createTime,
                        Instant updateTime) {}
