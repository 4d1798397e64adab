package io.mortar.store.connections;

import io.mortar.store.Page;
import java.util.Map;
import java.util.Optional;

/**
 * Glue connections (their secrets already sealed by the service) and the catalog's settings. Every method is one
 * atomic transaction. Connection tags live under the connection's ARN with every other resource's tags.
 */
public interface ConnectionStore {

    /**
     * Creates the connection with exactly these tags.
     *
     * @throws io.mortar.model.GlueException ALREADY_EXISTS
     */
    void create(StoredConnection connection, String arn, Map<String, String> tags);

    Optional<StoredConnection> get(String name);

    /** Connections in name order after {@code afterName}, of one type when {@code type} is not null. */
    Page<StoredConnection> listConnections(String type, String afterName, int limit);

    /**
     * Replaces the connection {@code name} with {@code replacement}, which may carry a new name; its tags follow
     * it. False when there is no connection {@code name}.
     *
     * @throws io.mortar.model.GlueException ALREADY_EXISTS when renamed onto another connection's name
     */
    boolean replace(String name, StoredConnection replacement, String oldArn, String newArn);

    /** Deletes the connection and its tags; false when there is none of that name. */
    boolean delete(String name, String arn);

    /** A catalog-wide setting's document (such as the Data Catalog's encryption settings), if it was ever put. */
    Optional<String> setting(String name);

    void putSetting(String name, String document);
}
