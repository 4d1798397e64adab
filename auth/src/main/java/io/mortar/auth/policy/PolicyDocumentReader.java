package io.mortar.auth.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mortar.model.GlueException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one IAM policy document into compiled {@link Statement}s, refusing — with the field named — everything IAM
 * refuses and everything Mortar does not evaluate. A policy that is accepted is evaluated completely: an element
 * Mortar skipped (a {@code Condition}, a policy variable) would grant or deny other than the document says.
 *
 * <p>IAM's rules followed here: a managed policy's 6,144 characters not counting white space; only tab, line feed,
 * carriage return and U+0020–U+00FF in the document; {@code Effect} exactly {@code Allow} or {@code Deny};
 * {@code Sid} letters and digits, unique within the policy; an action {@code *} or {@code vendor:action} with one
 * colon; a resource {@code *} or an ARN with a fully qualified service ("Resource vendor must be fully qualified and
 * cannot contain regexes").
 */
final class PolicyDocumentReader {
    /**
     * IAM's limit for a managed policy, not counting white space. A Mortar key's policies are documents of their own,
     * like managed policies attached to a user (an IAM user's inline policies share 2,048 characters between them).
     */
    static final int MAX_NON_WHITESPACE_CHARACTERS = 6_144;

    private static final Set<String> POLICY_KEYS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");

    // Duplicate keys refused: with last-one-wins, {"Effect":"Deny","Effect":"Allow"} would read as whichever the
    // reader happened to keep.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PolicyDocumentReader() {
    }

    static List<Statement> read(String json) {
        if (json == null || json.isBlank()) {
            throw GlueException.invalidInput("Policy document must not be empty");
        }
        checkSizeAndCharacters(json);
        JsonNode root = tree(json);
        if (!root.isObject()) {
            throw GlueException.invalidInput("Policy document must be a JSON object, not %s", shown(root));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!POLICY_KEYS.contains(key)) {
                throw GlueException.invalidInput(
                        "Policy document has an unknown key '%s'; a policy has Version, Id and Statement", key);
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.textValue()))) {
            throw GlueException.invalidInput("Version must be 2012-10-17 or 2008-10-17, not %s", shown(version));
        }
        JsonNode id = root.get("Id");
        if (id != null && !id.isTextual()) {
            throw GlueException.invalidInput("Id must be a string, not %s", shown(id));
        }
        return statements(root.get("Statement"), version != null && version.textValue().equals("2012-10-17"));
    }

    /** The document as one JSON value; anything after it is refused too (Jackson alone would ignore it). */
    private static JsonNode tree(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonNode root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw notJson("there is more after the document's end", parser.currentTokenLocation());
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's message, without the parenthesised source description it appends to some.
            String message = e.getOriginalMessage();
            int aside = message.indexOf(" (start marker at");
            throw notJson(aside < 0 ? message : message.substring(0, aside), e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String is never unreadable
        }
    }

    private static GlueException notJson(String why, JsonLocation location) {
        return location == null
                ? GlueException.invalidInput("Policy document is not valid JSON: %s", why)
                : GlueException.invalidInput("Policy document is not valid JSON: %s (line %d, column %d)", why,
                        location.getLineNr(), location.getColumnNr());
    }

    private static void checkSizeAndCharacters(String json) {
        int counted = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean whitespace = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            if (!whitespace && (c < 0x20 || c > 0xFF)) {
                throw GlueException.invalidInput("Policy document may contain only tab, line feed, carriage return"
                        + " and the characters U+0020 to U+00FF, as IAM's; it has U+%04X at offset %d", (int) c, i);
            }
            if (!whitespace) {
                counted++;
            }
        }
        if (counted > MAX_NON_WHITESPACE_CHARACTERS) {
            throw GlueException.invalidInput("Policy document has %,d characters not counting white space; IAM's"
                    + " limit for a policy is %,d", counted, MAX_NON_WHITESPACE_CHARACTERS);
        }
    }

    private static List<Statement> statements(JsonNode node, boolean escapes) {
        if (node == null) {
            throw GlueException.invalidInput("Statement is missing: a policy needs at least one statement");
        }
        List<Statement> out = new ArrayList<>();
        Map<String, String> sids = new HashMap<>();
        if (node.isObject()) {
            out.add(statement("Statement", node, sids, escapes));
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                throw GlueException.invalidInput("Statement must not be empty: a policy needs at least one statement");
            }
            for (int i = 0; i < node.size(); i++) {
                out.add(statement("Statement[" + i + "]", node.get(i), sids, escapes));
            }
        } else {
            throw GlueException.invalidInput("Statement must be an object or an array of objects, not %s",
                    shown(node));
        }
        return out;
    }

    private static Statement statement(String path, JsonNode node, Map<String, String> sids, boolean escapes) {
        if (!node.isObject()) {
            throw GlueException.invalidInput("%s must be an object, not %s", path, shown(node));
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            checkStatementKey(path, keys.next());
        }
        JsonNode sid = node.get("Sid");
        if (sid != null) {
            checkSid(path, sid, sids);
        }
        Effect effect = effect(path, node.get("Effect"));
        String actionKey = exactlyOne(path, node, "Action", "NotAction");
        List<String> actions = strings(path + "." + actionKey, node.get(actionKey));
        Wildcard[] actionPatterns = new Wildcard[actions.size()];
        for (int i = 0; i < actions.size(); i++) {
            actionPatterns[i] = action(itemPath(path, actionKey, actions.size(), i), actions.get(i));
        }
        String resourceKey = exactlyOne(path, node, "Resource", "NotResource");
        List<String> resources = strings(path + "." + resourceKey, node.get(resourceKey));
        Wildcard[] resourcePatterns = new Wildcard[resources.size()];
        for (int i = 0; i < resources.size(); i++) {
            resourcePatterns[i] = resource(itemPath(path, resourceKey, resources.size(), i), resources.get(i),
                    escapes);
        }
        return new Statement(effect, actionPatterns, actionKey.equals("NotAction"), resourcePatterns,
                resourceKey.equals("NotResource"));
    }

    private static void checkStatementKey(String path, String key) {
        switch (key) {
            case "Condition" -> throw GlueException.invalidInput("%s.Condition is not supported: Mortar does not"
                    + " evaluate conditions, and a statement applied without its condition would allow or deny more"
                    + " than it says", path);
            case "Principal", "NotPrincipal" -> throw GlueException.invalidInput("%s.%s is not allowed: an"
                    + " identity-based policy names no principal (the key it is attached to is the principal)",
                    path, key);
            default -> {
                if (!STATEMENT_KEYS.contains(key)) {
                    throw GlueException.invalidInput("%s has an unknown key '%s'; a statement has Sid, Effect,"
                            + " Action or NotAction, and Resource or NotResource", path, key);
                }
            }
        }
    }

    private static void checkSid(String path, JsonNode sid, Map<String, String> sids) {
        if (!sid.isTextual()) {
            throw GlueException.invalidInput("%s.Sid must be a string, not %s", path, shown(sid));
        }
        String text = sid.textValue();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                throw GlueException.invalidInput("%s.Sid '%s' may contain only the letters A-Z, a-z and the digits"
                        + " 0-9", path, text);
            }
        }
        if (!text.isEmpty()) {
            String earlier = sids.putIfAbsent(text, path);
            if (earlier != null) {
                throw GlueException.invalidInput("%s.Sid '%s' is also %s's: Sids must be unique within a policy",
                        path, text, earlier);
            }
        }
    }

    private static Effect effect(String path, JsonNode node) {
        if (node == null) {
            throw GlueException.invalidInput("%s.Effect is missing: it must be Allow or Deny", path);
        }
        Effect effect = node.isTextual() ? Effect.named(node.textValue()) : null;
        if (effect == null) {
            throw GlueException.invalidInput("%s.Effect must be Allow or Deny, not %s", path, shown(node));
        }
        return effect;
    }

    private static String exactlyOne(String path, JsonNode statement, String key, String notKey) {
        boolean has = statement.has(key);
        boolean hasNot = statement.has(notKey);
        if (has && hasNot) {
            throw GlueException.invalidInput("%s has both %s and %s: a statement has exactly one of them",
                    path, key, notKey);
        }
        if (!has && !hasNot) {
            throw GlueException.invalidInput("%s has neither %s nor %s: a statement has exactly one of them",
                    path, key, notKey);
        }
        return has ? key : notKey;
    }

    /** A string, or a non-empty array of strings (IAM's two spellings of a list). */
    private static List<String> strings(String path, JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.textValue());
        }
        if (!node.isArray()) {
            throw GlueException.invalidInput("%s must be a string or an array of strings, not %s", path, shown(node));
        }
        if (node.isEmpty()) {
            throw GlueException.invalidInput("%s must not be empty", path);
        }
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw GlueException.invalidInput("%s[%d] must be a string, not %s", path, i, shown(item));
            }
            out.add(item.textValue());
        }
        return out;
    }

    private static String itemPath(String path, String key, int count, int index) {
        return count == 1 ? path + "." + key : path + "." + key + "[" + index + "]";
    }

    /** {@code *}, or {@code vendor:action} with exactly one colon and a vendor of letters, digits, '-' and '.'. */
    private static Wildcard action(String path, String action) {
        if (!action.equals("*")) {
            int colon = action.indexOf(':');
            if (colon < 0) {
                throw GlueException.invalidInput("%s '%s' has no service prefix: an action is * or service:action,"
                        + " as in glue:GetTable", path, action);
            }
            if (action.indexOf(':', colon + 1) >= 0) {
                throw GlueException.invalidInput("%s '%s' may contain only one colon", path, action);
            }
            String vendor = action.substring(0, colon);
            if (!vendor.equals("*") && !isVendor(vendor)) {
                throw GlueException.invalidInput("%s '%s': the service prefix '%s' is not valid", path, action,
                        vendor);
            }
            if (colon == action.length() - 1) {
                throw GlueException.invalidInput("%s '%s' names no action after the colon", path, action);
            }
        }
        return Wildcard.compile(action, true);
    }

    private static boolean isVendor(String vendor) {
        if (vendor.isEmpty()) {
            return false;
        }
        for (int i = 0; i < vendor.length(); i++) {
            char c = vendor.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code *}, or {@code arn:partition:service:…} with the partition and service spelt out (no wildcards);
     * {@code escapes}: the document is Version 2012-10-17, under which IAM reads {@code ${*}}, {@code ${?}} and
     * {@code ${$}} as those characters.
     */
    private static Wildcard resource(String path, String resource, boolean escapes) {
        if (!resource.equals("*")) {
            String[] parts = resource.split(":", 4);
            if (parts.length < 4 || !parts[0].equals("arn") || parts[1].isEmpty()) {
                throw GlueException.invalidInput("%s '%s' must be an ARN (arn:aws:glue:region:account:resource)"
                        + " or *", path, resource);
            }
            if (parts[2].isEmpty() || parts[1].contains("*") || parts[1].contains("?")
                    || parts[2].contains("*") || parts[2].contains("?")) {
                throw GlueException.invalidInput("%s '%s' must spell out its partition and service, without"
                        + " wildcards", path, resource);
            }
            if (resource.contains("${") && (!escapes || hasVariable(resource))) {
                throw GlueException.invalidInput("%s '%s' uses a policy variable (${…}), which Mortar does not"
                        + " evaluate (only ${*}, ${?} and ${$}, for the characters themselves, under Version"
                        + " 2012-10-17)", path, resource);
            }
        }
        return Wildcard.compile(resource, false, escapes);
    }

    /** Whether a {@code ${} in the resource starts something other than IAM's three character escapes. */
    private static boolean hasVariable(String resource) {
        for (int at = resource.indexOf("${"); at >= 0; at = resource.indexOf("${", at + Wildcard.ESCAPE_LENGTH)) {
            if (!Wildcard.isEscape(resource, at)) {
                return true;
            }
        }
        return false;
    }

    /** A value as the message shows it: text in quotes (white space kept visible), anything else as JSON. */
    private static String shown(JsonNode node) {
        String text = node.isTextual() ? "'" + node.textValue() + "'" : node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
