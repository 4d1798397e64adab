package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.StoredFunction;
import java.time.Clock;
import software.amazon.awssdk.services.glue.model.CreateUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.CreateUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.DeleteUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.DeleteUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsRequest;
import software.amazon.awssdk.services.glue.model.GetUserDefinedFunctionsResponse;
import software.amazon.awssdk.services.glue.model.UpdateUserDefinedFunctionRequest;
import software.amazon.awssdk.services.glue.model.UpdateUserDefinedFunctionResponse;
import software.amazon.awssdk.services.glue.model.UserDefinedFunction;
import software.amazon.awssdk.services.glue.model.UserDefinedFunctionInput;

/** User-defined functions (Hive UDF registrations) in a database. */
public final class FunctionService {
    private static final String LISTING = "functions";

    private final CatalogStore store;
    private final DatabaseService databases;
    private final CatalogIdentity identity;
    private final Clock clock;

    public FunctionService(CatalogStore store, DatabaseService databases, CatalogIdentity identity, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.databases = requireNonNull(databases, "databases");
        this.identity = requireNonNull(identity, "identity");
        this.clock = requireNonNull(clock, "clock");
    }

    public CreateUserDefinedFunctionResponse createFunction(CreateUserDefinedFunctionRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        UserDefinedFunctionInput input = requireInput(request.functionInput());
        String name = Names.normalize(input.functionName(), "FunctionInput.FunctionName");
        databases.require(database);
        store.createFunction(database, name, Documents.write(input.toBuilder().functionName(name).build()),
                clock.instant());
        return CreateUserDefinedFunctionResponse.builder().build();
    }

    public GetUserDefinedFunctionResponse getFunction(GetUserDefinedFunctionRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        String name = Names.normalize(request.functionName(), "FunctionName");
        databases.require(database);
        StoredFunction function = store.getFunction(database, name).orElseThrow(() -> notFound(name));
        return GetUserDefinedFunctionResponse.builder().userDefinedFunction(toFunction(function)).build();
    }

    public GetUserDefinedFunctionsResponse getFunctions(GetUserDefinedFunctionsRequest request) {
        String database = request.databaseName() == null ? null
                : Names.normalize(request.databaseName(), "DatabaseName");
        if (database != null) {
            databases.require(database);
        }
        int limit = PageTokens.pageSize(request.maxResults(), 100, 100);
        Page<StoredFunction> page = store.listFunctions(database, NamePattern.compile(request.pattern(), "Pattern"),
                PageTokens.decode(LISTING, request.nextToken()), limit);
        return GetUserDefinedFunctionsResponse.builder()
                .userDefinedFunctions(page.items().stream().map(this::toFunction).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor()))
                .build();
    }

    public UpdateUserDefinedFunctionResponse updateFunction(UpdateUserDefinedFunctionRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        String name = Names.normalize(request.functionName(), "FunctionName");
        UserDefinedFunctionInput input = requireInput(request.functionInput());
        String newName = input.functionName() == null ? name
                : Names.normalize(input.functionName(), "FunctionInput.FunctionName");
        databases.require(database);
        if (!store.updateFunction(database, name, newName,
                Documents.write(input.toBuilder().functionName(newName).build()))) {
            throw notFound(name);
        }
        return UpdateUserDefinedFunctionResponse.builder().build();
    }

    public DeleteUserDefinedFunctionResponse deleteFunction(DeleteUserDefinedFunctionRequest request) {
        String database = Names.normalize(request.databaseName(), "DatabaseName");
        String name = Names.normalize(request.functionName(), "FunctionName");
        databases.require(database);
        if (!store.deleteFunction(database, name)) {
            throw notFound(name);
        }
        return DeleteUserDefinedFunctionResponse.builder().build();
    }

    private UserDefinedFunction toFunction(StoredFunction stored) {
        UserDefinedFunctionInput input = Documents.read(stored.document(), UserDefinedFunctionInput.builder());
        return UserDefinedFunction.builder()
                .functionName(stored.name())
                .databaseName(stored.databaseName())
                .className(input.className())
                .ownerName(input.ownerName())
                .ownerType(input.ownerTypeAsString())
                .createTime(stored.createTime())
                .resourceUris(input.hasResourceUris() ? input.resourceUris() : java.util.List.of())
                .functionType(input.functionTypeAsString())
                .catalogId(identity.accountId())
                .build();
    }

    private static UserDefinedFunctionInput requireInput(UserDefinedFunctionInput input) {
        if (input == null) {
            throw GlueException.invalidInput("FunctionInput is required.");
        }
        return input;
    }

    private static GlueException notFound(String name) {
        return GlueException.entityNotFound("Function %s not found.", name);
    }
}
