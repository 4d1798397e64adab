package io.mortar.server.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.model.GlueJson;
import java.util.List;

/**
 * The policies Mortar writes itself (runs' and crawls' credentials), built as JSON rather than by formatting text,
 * so a name in a resource (a job's, a workflow's, a database's) can never end a string and add to the policy.
 */
final class PolicyDocuments {
    /** One {@code Allow} statement. */
    record Allow(String sid, List<String> actions, List<String> resources) {}

    private PolicyDocuments() {}

    static String of(List<Allow> statements) {
        ObjectNode policy = GlueJson.mapper().createObjectNode();
        policy.put("Version", "2012-10-17");
        ArrayNode array = policy.putArray("Statement");
        for (Allow allow : statements) {
            ObjectNode statement = array.addObject();
            statement.put("Sid", allow.sid());
            statement.put("Effect", "Allow");
            allow.actions().forEach(statement.putArray("Action")::add);
            allow.resources().forEach(statement.putArray("Resource")::add);
        }
        return policy.toString();
    }
}
