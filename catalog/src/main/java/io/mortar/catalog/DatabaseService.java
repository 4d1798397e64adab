package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.StoredDatabase;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateDatabaseResponse;
import software.amazon.awssdk.services.glue.model.DataLakePrincipal;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.DatabaseInput;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseRequest;
import software.amazon.awssdk.services.glue.model.DeleteDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetDatabaseRequest;
import software.amazon.awssdk.services.glue.model.GetDatabaseResponse;
import software.amazon.awssdk.services.glue.model.GetDatabasesRequest;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.Permission;
import software.amazon.awssdk.services.glue.model.PrincipalPermissions;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseResponse;

/** Databases: create, read, list, replace and delete (with everything in them). */
public final class DatabaseService {
    static final String DEFAULT_DATABASE = "default";
    private static final String LISTING = "databases";
    /** What Glue reports for databases created without explicit Lake Formation permissions. */
    private static final List<PrincipalPermissions> IAM_ALLOWED_PRINCIPALS = List.of(PrincipalPermissions.builder()
            .principal(DataLakePrincipal.builder().dataLakePrincipalIdentifier("IAM_ALLOWED_PRINCIPALS").build())
            .permissions(Permission.ALL).build());

    private final CatalogStore store;
    private final CatalogIdentity identity;
    private final Clock clock;

    public DatabaseService(CatalogStore store, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    public CreateDatabaseResponse createDatabase(CreateDatabaseRequest request) {
        DatabaseInput input = requireInput(request.databaseInput());
        String name = Names.normalize(input.name(), "DatabaseInput.Name");
        Names.rejectNul(request.tags(), "Tags");
        store.createDatabase(name, Documents.write(normalized(input, name)), clock.instant(),
                identity.databaseArn(name), request.tags());
        return CreateDatabaseResponse.builder().build();
    }

    public GetDatabaseResponse getDatabase(GetDatabaseRequest request) {
        return GetDatabaseResponse.builder().database(toDatabase(require(Names.normalize(request.name(), "Name"))))
                .build();
    }

    public GetDatabasesResponse getDatabases(GetDatabasesRequest request) {
        ensureDefaultDatabase();
        int limit = PageTokens.pageSize(request.maxResults(), 100, 100);
        Page<StoredDatabase> page = store.listDatabases(PageTokens.decodeName(LISTING, request.nextToken()), limit);
        return GetDatabasesResponse.builder()
                .databaseList(page.items().stream().map(this::toDatabase).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor()))
                .build();
    }

    public UpdateDatabaseResponse updateDatabase(UpdateDatabaseRequest request) {
        String name = Names.normalize(request.name(), "Name");
        DatabaseInput input = requireInput(request.databaseInput());
        String newName = Names.normalize(input.name(), "DatabaseInput.Name");
        if (!newName.equals(name)) {
            throw GlueException.invalidInput("Renaming a database is not supported: DatabaseInput.Name %s differs from"
                    + " Name %s.", newName, name);
        }
        if (!store.updateDatabase(name, Documents.write(normalized(input, name)))) {
            throw notFound(name);
        }
        return UpdateDatabaseResponse.builder().build();
    }

    public DeleteDatabaseResponse deleteDatabase(DeleteDatabaseRequest request) {
        String name = Names.normalize(request.name(), "Name");
        if (!store.deleteDatabase(name, identity.databaseArn(name), identity.tableArnPrefix(name))) {
            throw notFound(name);
        }
        return DeleteDatabaseResponse.builder().build();
    }

    /**
     * The stored database, creating {@code default} on first use: engines (Spark, Athena, Trino) expect it
     * to exist, as it does in Glue.
     */
    StoredDatabase require(String name) {
        return store.getDatabase(name).or(() -> {
            if (!DEFAULT_DATABASE.equals(name)) {
                return java.util.Optional.empty();
            }
            ensureDefaultDatabase();
            return store.getDatabase(name);
        }).orElseThrow(() -> notFound(name));
    }

    void ensureDefaultDatabase() {
        if (store.getDatabase(DEFAULT_DATABASE).isPresent()) {
            return;
        }
        DatabaseInput input = DatabaseInput.builder().name(DEFAULT_DATABASE).description("Default Hive database")
                .build();
        try {
            store.createDatabase(DEFAULT_DATABASE, Documents.write(input), clock.instant(),
                    identity.databaseArn(DEFAULT_DATABASE), null);
        } catch (GlueException e) {
            if (e.code() != GlueErrorCode.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    private Database toDatabase(StoredDatabase stored) {
        DatabaseInput input = Documents.read(stored.document(), DatabaseInput.builder());
        return Database.builder()
                .name(stored.name())
                .description(input.description())
                .locationUri(input.locationUri())
                .parameters(input.hasParameters() ? input.parameters() : java.util.Map.of())
                .createTime(stored.createTime())
                .createTableDefaultPermissions(input.hasCreateTableDefaultPermissions()
                        ? input.createTableDefaultPermissions() : IAM_ALLOWED_PRINCIPALS)
                .targetDatabase(input.targetDatabase())
                .federatedDatabase(input.federatedDatabase())
                .catalogId(identity.accountId())
                .build();
    }

    private static DatabaseInput requireInput(DatabaseInput input) {
        if (input == null) {
            throw GlueException.invalidInput("DatabaseInput is required.");
        }
        return input;
    }

    private static DatabaseInput normalized(DatabaseInput input, String name) {
        return input.toBuilder().name(name).build();
    }

    static GlueException notFound(String name) {
        return GlueException.entityNotFound("Database %s not found.", name);
    }
}
