package io.mortar.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mortar.catalog.CatalogIdentity;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.server.protocol.GlueJsonProtocol;
import io.mortar.store.auth.StoredAccessKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Mortar's endpoints for access keys, which {@code mortar keys} calls: {@code POST /keys} (a new key with its
 * policies; the only answer that ever shows its secret), {@code GET /keys}, {@code PUT /keys/{name}/policies},
 * {@code DELETE /keys/{name}}. Each is allowed as the IAM call it amounts to ({@code iam:CreateAccessKey},
 * {@code iam:ListAccessKeys}, {@code iam:PutUserPolicy}, {@code iam:DeleteAccessKey}) on the key's user ARN, so only
 * a key whose policy allows those (the root key) manages keys.
 */
public final class KeysEndpoint {
    private final ApiAccess access;
    private final AccessKeys keys;
    private final CatalogIdentity identity;

    public KeysEndpoint(ApiAccess access, AccessKeys keys, CatalogIdentity identity) {
        this.access = requireNonNull(access, "access");
        this.keys = requireNonNull(keys, "keys");
        this.identity = requireNonNull(identity, "identity");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.post("/keys", access.guarded("iam:CreateAccessKey",
                ctx -> List.of(userArn(body(ctx).path("Name").asText(""))), this::create));
        cfg.routes.get("/keys", access.guarded("iam:ListAccessKeys", ctx -> List.of(userArn("*")), this::list));
        cfg.routes.put("/keys/{name}/policies", access.guarded("iam:PutUserPolicy",
                ctx -> List.of(userArn(ctx.pathParam("name"))), this::replacePolicies));
        cfg.routes.delete("/keys/{name}", access.guarded("iam:DeleteAccessKey",
                ctx -> List.of(userArn(ctx.pathParam("name"))), this::delete));
    }

    private void create(Context ctx) {
        JsonNode body = body(ctx);
        AccessKeys.Issued issued = keys.createUserKey(body.path("Name").asText(null), policies(body));
        ObjectNode json = GlueJson.mapper().createObjectNode();
        json.put("Name", issued.name());
        json.put("AccessKeyId", issued.accessKeyId());
        json.put("SecretAccessKey", issued.secretAccessKey());
        ctx.contentType("application/json").result(json.toString());
    }

    private void list(Context ctx) {
        ObjectNode json = GlueJson.mapper().createObjectNode();
        ArrayNode array = json.putArray("Keys");
        for (StoredAccessKey key : keys.list()) {
            ObjectNode item = array.addObject();
            item.put("Name", key.name());
            item.put("AccessKeyId", key.accessKeyId());
            item.put("Kind", key.kind().name());
            item.put("CreatedOn", key.createdAt().toString());
            item.put("Arn", keys.principalArn(key));
            ArrayNode policies = item.putArray("Policies");
            for (String policy : key.policies()) {
                policies.add(GlueJson.parse(policy.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        ctx.contentType("application/json").result(json.toString());
    }

    private void replacePolicies(Context ctx) {
        keys.replacePolicies(ctx.pathParam("name"), policies(body(ctx)));
        ctx.contentType("application/json").result("{}");
    }

    private void delete(Context ctx) {
        keys.delete(ctx.pathParam("name"));
        ctx.contentType("application/json").result("{}");
    }

    private String userArn(String name) {
        return "arn:aws:iam::" + identity.accountId() + ":user/" + name;
    }

    /** {@code Policies}: an array of policy documents, each an object (or its JSON text). */
    private static List<String> policies(JsonNode body) {
        JsonNode policies = body.path("Policies");
        if (policies.isMissingNode() || policies.isNull()) {
            return List.of();
        }
        if (!policies.isArray()) {
            throw GlueException.invalidInput("Policies must be an array of policy documents.");
        }
        List<String> documents = new ArrayList<>();
        for (JsonNode policy : policies) {
            documents.add(policy.isTextual() ? policy.asText() : policy.toString());
        }
        return documents;
    }

    private static JsonNode body(Context ctx) {
        byte[] raw = ctx.attribute(GlueJsonProtocol.BODY_ATTRIBUTE) instanceof byte[] read ? read : ctx.bodyAsBytes();
        JsonNode body = raw.length == 0 ? GlueJson.mapper().createObjectNode() : GlueJson.parse(raw);
        if (!body.isObject()) {
            throw GlueException.invalidInput("The request body must be a JSON object.");
        }
        return body;
    }
}
