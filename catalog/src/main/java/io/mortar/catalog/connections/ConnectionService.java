package io.mortar.catalog.connections;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.CatalogIdentity;
import io.mortar.catalog.Names;
import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.model.JsonStrings;
import io.mortar.store.Page;
import io.mortar.store.connections.ConnectionStore;
import io.mortar.store.connections.StoredConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.services.glue.model.AuthenticationConfiguration;
import software.amazon.awssdk.services.glue.model.AuthenticationConfigurationInput;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionRequest;
import software.amazon.awssdk.services.glue.model.BatchDeleteConnectionResponse;
import software.amazon.awssdk.services.glue.model.Connection;
import software.amazon.awssdk.services.glue.model.ConnectionInput;
import software.amazon.awssdk.services.glue.model.ConnectionStatus;
import software.amazon.awssdk.services.glue.model.CreateConnectionRequest;
import software.amazon.awssdk.services.glue.model.CreateConnectionResponse;
import software.amazon.awssdk.services.glue.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.glue.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.glue.model.ErrorDetail;
import software.amazon.awssdk.services.glue.model.GetConnectionRequest;
import software.amazon.awssdk.services.glue.model.GetConnectionResponse;
import software.amazon.awssdk.services.glue.model.GetConnectionsFilter;
import software.amazon.awssdk.services.glue.model.GetConnectionsRequest;
import software.amazon.awssdk.services.glue.model.GetConnectionsResponse;
import software.amazon.awssdk.services.glue.model.TestConnectionInput;
import software.amazon.awssdk.services.glue.model.TestConnectionRequest;
import software.amazon.awssdk.services.glue.model.TestConnectionResponse;
import software.amazon.awssdk.services.glue.model.UpdateConnectionRequest;
import software.amazon.awssdk.services.glue.model.UpdateConnectionResponse;

/**
 * Glue connections: CRUD, listing with filters, batch delete and TestConnection. Secret properties (passwords)
 * and the authentication credentials are encrypted before they reach the store ({@link PasswordCipher}) and
 * decrypted only for a caller that asks for them; they are never logged.
 */
public final class ConnectionService {
    private static final String LISTING = "connections";
    /** The secrets map entry holding the whole AuthenticationConfiguration input (it may carry credentials). */
    private static final String AUTHENTICATION = "@AuthenticationConfiguration";

    private final ConnectionStore store;
    private final EncryptionSettingsService settings;
    private final PasswordCipher cipher;
    private final JdbcConnectionTester tester;
    private final CatalogIdentity identity;
    private final Clock clock;

    public ConnectionService(ConnectionStore store, PasswordCipher cipher, JdbcConnectionTester tester,
                             CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.settings = new EncryptionSettingsService(store);
        this.cipher = requireNonNull(cipher, "cipher");
        this.tester = requireNonNull(tester, "tester");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    public EncryptionSettingsService encryptionSettings() {
        return settings;
    }

    public CreateConnectionResponse createConnection(CreateConnectionRequest request) {
        ConnectionInput input = requireInput(request.connectionInput());
        String name = input.name();
        Map<String, String> tags = request.hasTags() ? request.tags() : Map.of();
        Names.rejectNul(tags, "Tags");
        Instant now = clock.instant();
        store.create(seal(input, now, now), arn(name), tags);
        return CreateConnectionResponse.builder().createConnectionStatus(ConnectionStatus.READY).build();
    }

    public GetConnectionResponse getConnection(GetConnectionRequest request) {
        String name = requireName(request.name(), "Name");
        StoredConnection stored = store.get(name).orElseThrow(() -> notFound(name));
        boolean hide = Boolean.TRUE.equals(request.hidePassword());
        return GetConnectionResponse.builder().connection(toConnection(stored, hide, !hide && returnEncrypted()))
                .build();
    }

    public GetConnectionsResponse getConnections(GetConnectionsRequest request) {
        int limit = PageTokens.pageSize(request.maxResults(), 100, 1000);
        GetConnectionsFilter filter = request.filter();
        String type = filter == null ? null : filter.connectionTypeAsString();
        List<String> criteria = filter != null && filter.hasMatchCriteria() ? filter.matchCriteria() : List.of();
        boolean hide = Boolean.TRUE.equals(request.hidePassword());
        boolean encrypted = !hide && returnEncrypted();
        // The type filter runs in the database; match criteria live in the document, so pages are read until
        // enough connections match (an account holds at most a thousand or so connections).
        List<Connection> matching = new ArrayList<>();
        String cursor = PageTokens.decodeName(LISTING, request.nextToken());
        String next = null;
        reading:
        while (true) {
            Page<StoredConnection> page = store.listConnections(type, cursor, limit);
            List<StoredConnection> items = page.items();
            for (int i = 0; i < items.size(); i++) {
                cursor = items.get(i).name();
                Connection connection = toConnection(items.get(i), hide, encrypted);
                if (connection.matchCriteria().containsAll(criteria)) {
                    matching.add(connection);
                    if (matching.size() == limit) {
                        boolean more = i < items.size() - 1 || page.nextCursor() != null;
                        next = more ? cursor : null;
                        break reading;
                    }
                }
            }
            if (page.nextCursor() == null) {
                break;
            }
        }
        return GetConnectionsResponse.builder().connectionList(matching)
                .nextToken(PageTokens.encode(LISTING, next)).build();
    }

    public UpdateConnectionResponse updateConnection(UpdateConnectionRequest request) {
        String name = requireName(request.name(), "Name");
        ConnectionInput input = requireInput(request.connectionInput());
        StoredConnection current = store.get(name).orElseThrow(() -> notFound(name));
        StoredConnection replacement = seal(input, current.createTime(), clock.instant());
        if (!store.replace(name, replacement, arn(name), arn(replacement.name()))) {
            throw notFound(name);
        }
        return UpdateConnectionResponse.builder().build();
    }

    public DeleteConnectionResponse deleteConnection(DeleteConnectionRequest request) {
        String name = requireName(request.connectionName(), "ConnectionName");
        if (!store.delete(name, arn(name))) {
            throw notFound(name);
        }
        return DeleteConnectionResponse.builder().build();
    }

    public BatchDeleteConnectionResponse batchDeleteConnection(BatchDeleteConnectionRequest request) {
        List<String> names = request.hasConnectionNameList() ? request.connectionNameList() : List.of();
        if (names.size() > 25) {
            throw GlueException.invalidInput("ConnectionNameList may hold at most 25 names, not %d.", names.size());
        }
        List<String> succeeded = new ArrayList<>();
        Map<String, ErrorDetail> errors = new LinkedHashMap<>();
        for (String name : names) {
            try {
                deleteConnection(DeleteConnectionRequest.builder().connectionName(name).build());
                succeeded.add(name);
            } catch (GlueException e) {
                errors.put(name, ErrorDetail.builder().errorCode(e.code().wireName()).errorMessage(e.getMessage())
                        .build());
            }
        }
        return BatchDeleteConnectionResponse.builder().succeeded(succeeded).errors(errors).build();
    }

    /** Connects to the database a JDBC connection describes; {@code {}} on success, InvalidInput naming the cause. */
    public TestConnectionResponse testConnection(TestConnectionRequest request) {
        boolean byName = request.connectionName() != null;
        TestConnectionInput input = request.testConnectionInput();
        if (byName == (input != null)) {
            throw GlueException.invalidInput("Give exactly one of ConnectionName and TestConnectionInput.");
        }
        String label;
        String type;
        Map<String, String> properties;
        if (byName) {
            String name = requireName(request.connectionName(), "ConnectionName");
            StoredConnection stored = store.get(name).orElseThrow(() -> notFound(name));
            type = stored.connectionType();
            properties = toConnection(stored, false, false).connectionPropertiesAsStrings();
            label = "connection " + name;
        } else {
            type = input.connectionTypeAsString();
            properties = input.hasConnectionProperties() ? input.connectionPropertiesAsStrings() : null;
            ConnectionRules.check("TestConnectionInput", type, properties, input.authenticationConfiguration());
            label = "TestConnectionInput";
        }
        if (!"JDBC".equals(type)) {
            throw GlueException.invalidInput("TestConnection of %s: Mortar tests JDBC connections only, not %s.", label,
                    type);
        }
        tester.test(label, properties);
        return TestConnectionResponse.builder().build();
    }

    /**
     * Opens a JDBC connection to the database a stored JDBC connection names, its password decrypted here and
     * nowhere else (a crawl reads a JDBC target's metadata through it).
     *
     * @throws GlueException EntityNotFound for no such connection, InvalidInput for one that is not JDBC or that
     *     cannot connect (naming the cause)
     */
    public java.sql.Connection openJdbc(String name) {
        StoredConnection stored = store.get(name).orElseThrow(() -> notFound(name));
        if (!"JDBC".equals(stored.connectionType())) {
            throw GlueException.invalidInput("Connection %s is of type %s, not JDBC.", name, stored.connectionType());
        }
        return tester.open("connection " + name, toConnection(stored, false, false).connectionPropertiesAsStrings());
    }

    public boolean exists(String name) {
        return store.get(name).isPresent();
    }

    // ---------------------------------------------------------------- documents

    private StoredConnection seal(ConnectionInput input, Instant created, Instant updated) {
        String name = requireName(input.name(), "ConnectionInput.Name");
        Map<String, String> properties = input.hasConnectionProperties() ? input.connectionPropertiesAsStrings() : null;
        ConnectionRules.check("ConnectionInput", input.connectionTypeAsString(), properties,
                input.authenticationConfiguration());
        if (input.hasMatchCriteria()) {
            input.matchCriteria().forEach(c -> Names.rejectNul(c, "ConnectionInput.MatchCriteria"));
        }
        Map<String, String> plain = new TreeMap<>();
        Map<String, String> secrets = new TreeMap<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (ConnectionRules.SECRET_KEYS.contains(property.getKey())) {
                secrets.put(property.getKey(), cipher.encrypt(name, property.getValue()));
            } else {
                plain.put(property.getKey(), property.getValue());
            }
        }
        ConnectionInput.Builder document = input.toBuilder().connectionPropertiesWithStrings(plain);
        AuthenticationConfigurationInput authentication = input.authenticationConfiguration();
        if (authentication != null) {
            secrets.put(AUTHENTICATION, cipher.encrypt(name, GlueJson.writeString(authentication)));
            // Only what is no secret stays readable: the type, the secret's ARN and the KMS key's.
            document.authenticationConfiguration(AuthenticationConfigurationInput.builder()
                    .authenticationType(authentication.authenticationTypeAsString())
                    .secretArn(authentication.secretArn())
                    .kmsKeyArn(authentication.kmsKeyArn())
                    .build());
        }
        return new StoredConnection(name, input.connectionTypeAsString(), GlueJson.writeString(document.build()),
                secrets.isEmpty() ? null : JsonStrings.writeMap(secrets), created, updated);
    }

    private Connection toConnection(StoredConnection stored, boolean hidePassword, boolean returnEncrypted) {
        ConnectionInput input = GlueJson.read(stored.document(), ConnectionInput.builder());
        Map<String, String> properties = new TreeMap<>(input.connectionPropertiesAsStrings());
        Map<String, String> secrets = stored.secrets() == null ? Map.of() : JsonStrings.readMap(stored.secrets());
        if (!hidePassword) {
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                if (secret.getKey().equals(AUTHENTICATION)) {
                    continue;
                }
                if (returnEncrypted && secret.getKey().equals("PASSWORD")) {
                    // As Glue with ConnectionPasswordEncryption: ciphertext only, under ENCRYPTED_PASSWORD.
                    properties.putIfAbsent("ENCRYPTED_PASSWORD", secret.getValue());
                } else if (!(returnEncrypted && secret.getKey().equals("ENCRYPTED_PASSWORD")
                        && properties.containsKey("ENCRYPTED_PASSWORD"))) {
                    properties.put(secret.getKey(), open(stored.name(), secret.getValue()));
                }
            }
        }
        AuthenticationConfigurationInput authentication = input.authenticationConfiguration();
        return Connection.builder()
                .name(stored.name())
                .description(input.description())
                .connectionType(stored.connectionType())
                .matchCriteria(input.hasMatchCriteria() ? input.matchCriteria() : List.of())
                .connectionPropertiesWithStrings(properties)
                .sparkProperties(nonEmpty(input.sparkProperties()))
                .athenaProperties(nonEmpty(input.athenaProperties()))
                .pythonProperties(nonEmpty(input.pythonProperties()))
                .physicalConnectionRequirements(input.physicalConnectionRequirements())
                .authenticationConfiguration(authentication == null ? null : AuthenticationConfiguration.builder()
                        .authenticationType(authentication.authenticationTypeAsString())
                        .secretArn(authentication.secretArn())
                        .kmsKeyArn(authentication.kmsKeyArn())
                        .build())
                .creationTime(stored.createTime())
                .lastUpdatedTime(stored.updateTime())
                .status(ConnectionStatus.READY)
                .connectionSchemaVersion(1)
                .build();
    }

    private String open(String name, String ciphertext) {
        try {
            return cipher.decrypt(name, ciphertext);
        } catch (PasswordCipher.WrongKeyException e) {
            throw new GlueException(GlueErrorCode.GLUE_ENCRYPTION, "The password of connection " + name
                    + " cannot be decrypted: " + e.getMessage() + ". Start the server with the connection key the"
                    + " password was stored with (mortar.connections.key or <data-dir>/connection.key).");
        }
    }

    /** The catalog setting, read from the store: asked only when passwords are returned at all. */
    private boolean returnEncrypted() {
        return settings.returnConnectionPasswordEncrypted();
    }

    private String arn(String name) {
        return identity.arnPrefix() + "connection/" + name;
    }

    private static Map<String, String> nonEmpty(Map<String, String> map) {
        return map == null || map.isEmpty() || map instanceof SdkAutoConstructMap ? null : map;
    }

    private static ConnectionInput requireInput(ConnectionInput input) {
        if (input == null) {
            throw GlueException.invalidInput("ConnectionInput is required.");
        }
        return input;
    }

    private static String requireName(String name, String field) {
        if (name == null || name.isEmpty()) {
            throw GlueException.invalidInput("%s is required.", field);
        }
        Names.rejectNul(name, field);
        return name;
    }

    private static GlueException notFound(String name) {
        return GlueException.entityNotFound("Connection %s not found.", name);
    }
}
