package io.mortar.server.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hostile requests for the protocol fuzzer: a body that looks valid to the operation ({@link ModelBodies}), then
 * mutated the ways clients and attackers get it wrong: members of the wrong type, nulls, missing and unknown members,
 * numbers no type holds, lone surrogates and control characters, deep nesting, long strings; then, now and then, the
 * bytes themselves: truncated, invalid UTF-8, random; and the target and content type headers.
 */
final class HostileInputs {
    /** One request: a null target or content type sends no such header. */
    record Input(String operation, String target, String contentType, byte[] body, String mutations) {
        String describe() {
            String text = new String(body, StandardCharsets.UTF_8);
            return "target=" + target + " content-type=" + contentType + " mutations=[" + mutations + "] body("
                    + body.length + " bytes)=" + (text.length() > 400 ? text.substring(0, 400) + "…" : text);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** JSON text that no tree can hold (or that a tree would normalise away), spliced into the body as written. */
    private static final List<String> RAW_VALUES = List.of(
            "1e20", "-9.2e18", "9.2e18", "1e400", "-1e400", "1E9999999999", "1e-9999999999", "-1E+2147483648",
            "-0", "0", "-1", "2147483648", "-2147483649", "9223372036854775808", "1.5", "1e3",
            "123456789012345678901234567890.5", "1" + "0".repeat(1200),
            "\"a\\ud800b\"", "\"\\udc00\"", "\"\\ud800\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\u0000\"",
            "\"\\u0001\\u0002\"", "\"\"", "\" \"", "\"\\n\\r\\t\"", "\"\\uFFFF\\uFFFE\"", "\"%s%n\"",
            "\"../../etc/passwd\"", "\"'; DROP TABLE partitions; --\"", "\"*\"", "\"_\"", "\"\\\\\"",
            "\"" + "x".repeat(5000) + "\"", "\"" + "é".repeat(3000) + "\"",
            "[]", "{}", "[null]", "{\"\": null}", "true", "[[[1]]]",
            "[".repeat(300) + "]".repeat(300), "[".repeat(200) + "]".repeat(200),
            "{\"a\":".repeat(200) + "1" + "}".repeat(200));
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xC0, (byte) 0xAF},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0x80});
    private static final List<String> OTHER_CONTENT_TYPES = List.of("application/json", "text/plain",
            "application/x-amz-json-1.0", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            ";;;", "application/x-amz-json-1.1; charset=latin1");

    private final ModelBodies bodies;

    HostileInputs(ModelBodies bodies) {
        this.bodies = bodies;
    }

    Input next(String operation, Random random) {
        ObjectNode body = bodies.body(operation, random);
        List<String> raw = new ArrayList<>();
        StringBuilder mutations = new StringBuilder();
        // about a quarter go out as generated: valid requests change the store, so later hostile ones meet it
        int treeMutations = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < treeMutations; i++) {
            mutateTree(body, random, raw, mutations);
        }
        String text = write(body);
        for (int i = 0; i < raw.size(); i++) {
            text = text.replace("\"" + placeholder(i) + "\"", raw.get(i));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) == 0) {
            bytes = mutateBytes(bytes, random, mutations);
        }
        return new Input(operation, target(operation, random, mutations), contentType(random, mutations), bytes,
                mutations.toString());
    }

    private void mutateTree(ObjectNode root, Random random, List<String> raw, StringBuilder mutations) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        int kind = random.nextInt(7);
        if (slots.isEmpty() || kind == 0) {
            ObjectNode target = objectOf(root, slots, random);
            String name = random.nextBoolean() ? "Foo" : ModelBodies.identifier(random, 1, 8);
            target.set(name, rawValue(random, raw));
            note(mutations, "unknown member " + name);
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        switch (kind) {
            case 1 -> {
                slot.set(wrongType(random));
                note(mutations, "wrong type at " + slot);
            }
            case 2 -> {
                slot.set(NODES.nullNode());
                note(mutations, "null at " + slot);
            }
            case 3 -> {
                slot.remove();
                note(mutations, "removed " + slot);
            }
            case 4 -> {
                slot.set(NODES.textNode("y".repeat(1 + random.nextInt(20_000))));
                note(mutations, "long string at " + slot);
            }
            default -> {
                slot.set(rawValue(random, raw));
                note(mutations, "raw " + abbreviate(raw.get(raw.size() - 1)) + " at " + slot);
            }
        }
    }

    private static JsonNode rawValue(Random random, List<String> raw) {
        raw.add(RAW_VALUES.get(random.nextInt(RAW_VALUES.size())));
        return NODES.textNode(placeholder(raw.size() - 1));
    }

    private static String placeholder(int index) {
        return "@@RAW" + index + "@@"; // generated names never hold '@'
    }

    private static JsonNode wrongType(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode("x");
            case 1 -> NODES.numberNode(7);
            case 2 -> NODES.booleanNode(true);
            case 3 -> NODES.objectNode().put("x", 1);
            default -> NODES.arrayNode().add("x");
        };
    }

    private static byte[] mutateBytes(byte[] bytes, Random random, StringBuilder mutations) {
        switch (random.nextInt(6)) {
            case 0 -> {
                note(mutations, "truncated");
                return Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            }
            case 1, 2 -> {
                byte[] bad = BAD_UTF8.get(random.nextInt(BAD_UTF8.size()));
                int at = random.nextInt(bytes.length + 1);
                byte[] out = new byte[bytes.length + bad.length];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bad, 0, out, at, bad.length);
                System.arraycopy(bytes, at, out, at + bad.length, bytes.length - at);
                note(mutations, "invalid UTF-8 at byte " + at);
                return out;
            }
            case 3 -> {
                byte[] out = bytes.clone();
                if (out.length > 0) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
                note(mutations, "a byte changed");
                return out;
            }
            case 4 -> {
                note(mutations, "random bytes");
                return ModelBodies.randomBytes(random, 300);
            }
            default -> {
                note(mutations, "UTF-16");
                return new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE);
            }
        }
    }

    private static String target(String operation, Random random, StringBuilder mutations) {
        if (random.nextInt(12) != 0) {
            return "AWSGlue." + operation;
        }
        String target = switch (random.nextInt(9)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "AWSGlue.";
            case 3 -> "awsglue." + operation;
            case 4 -> "AWSGlue." + operation.toLowerCase();
            case 5 -> "AWSGlue." + operation + ".Extra";
            case 6 -> "AWSGlue.GetMLTransforms";
            case 7 -> "DynamoDB_20120810.ListTables";
            default -> "AWSGlue.NoSuchOperation";
        };
        note(mutations, "target " + target);
        return target;
    }

    private static String contentType(Random random, StringBuilder mutations) {
        if (random.nextInt(10) != 0) {
            return CONTENT_TYPE;
        }
        String type = random.nextInt(4) == 0 ? null : OTHER_CONTENT_TYPES.get(random.nextInt(OTHER_CONTENT_TYPES.size()));
        note(mutations, "content type " + type);
        return type;
    }

    /** A place in the tree: a member of an object or an element of an array. */
    private record Slot(JsonNode container, String field, int index, String path) {
        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) container).set(field, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) container).remove(field);
            } else {
                ((ArrayNode) container).remove(index);
            }
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        collect(node, "", slots);
    }

    private static void collect(JsonNode node, String path, List<Slot> slots) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String at = path + "/" + name;
                slots.add(new Slot(node, name, -1, at));
                collect(node.get(name), at, slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String at = path + "/" + i;
                slots.add(new Slot(node, null, i, at));
                collect(node.get(i), at, slots);
            }
        }
    }

    private static ObjectNode objectOf(ObjectNode root, List<Slot> slots, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(root);
        for (Slot slot : slots) {
            JsonNode value = slot.field() != null ? slot.container().get(slot.field()) : slot.container().get(slot.index());
            if (value instanceof ObjectNode object) {
                objects.add(object);
            }
        }
        return objects.get(random.nextInt(objects.size()));
    }

    private static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void note(StringBuilder mutations, String what) {
        if (mutations.length() > 0) {
            mutations.append("; ");
        }
        mutations.append(what);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + " chars)" : text;
    }
}
