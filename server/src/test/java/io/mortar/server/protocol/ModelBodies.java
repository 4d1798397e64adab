package io.mortar.server.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Request bodies that look valid to an operation, generated from Glue's own service model (the one the server
 * validates against): required members always, optional ones now and then, enums from their value sets, numbers
 * within their bounds, and names drawn mostly from the entities the fuzzer created first, so that requests get past
 * validation and reach the services and the store.
 */
final class ModelBodies {
    private static final String MODEL = "/io/mortar/model/glue-service-2.json.gz";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Beyond this depth only required members are generated, which ends recursive shapes. */
    private static final int OPTIONAL_DEPTH = 5;
    private static final int MAX_DEPTH = 12;
    private static final List<String> EXPRESSIONS = List.of("p = '1'", "p > '3' AND q < 10", "p IN ('1', '2')",
            "q BETWEEN 1 AND 5", "p LIKE '1%'", "NOT (q = 2)", "((", "p = ", "q > 'x'", "unknown = 1", "");
    private static final List<String> COLUMN_TYPES = List.of("string", "int", "bigint", "date", "timestamp",
            "decimal(10,2)", "array<string>", "struct<a:int>", "boolean", "double");

    /** The name of the entity the fuzzer seeded, by the member that names one, so most requests find theirs. */
    private static final Map<String, String> KNOWN_NAMES = Map.of("DatabaseName", "fz_db", "TableName", "fz_t",
            "JobName", "fz_job", "CrawlerName", "fz_crawler", "ConnectionName", "fz_conn", "IndexName", "fz_idx",
            "FunctionName", "fz_fn", "ColumnName", "c", "ColumnNames", "d");

    private final JsonNode shapes;
    private final JsonNode operations;
    private final List<String> names;
    private final List<String> arns;

    /**
     * @param names entity names to reuse (databases, tables, jobs, ...), so requests find something
     * @param arns  resource ARNs of those entities, for the tagging operations
     */
    ModelBodies(List<String> names, List<String> arns) {
        JsonNode model = readModel();
        this.shapes = model.get("shapes");
        this.operations = model.get("operations");
        this.names = List.copyOf(names);
        this.arns = List.copyOf(arns);
    }

    /** A body for {@code operation} that the model would accept, most of the time. */
    ObjectNode body(String operation, Random random) {
        JsonNode input = operations.path(operation).path("input").path("shape");
        if (input.isMissingNode()) {
            return NODES.objectNode();
        }
        return (ObjectNode) value(input.asText(), "", random, 0, new HashSet<>());
    }

    private JsonNode value(String shapeName, String member, Random random, int depth, Set<String> open) {
        JsonNode shape = shapes.get(shapeName);
        String type = shape.path("type").asText();
        return switch (type) {
            case "structure" -> shape.path("document").asBoolean()
                    ? document(random, 3)
                    : structure(shapeName, shape, random, depth, open);
            case "list" -> list(shape, member, random, depth, open);
            case "map" -> map(shape, member, random, depth, open);
            case "string" -> NODES.textNode(string(shape, member, random));
            case "integer", "long" -> NODES.numberNode(integral(shape, member, random));
            case "double", "float" -> NODES.numberNode(random.nextInt(100_000) / 100.0);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "timestamp" -> "iso8601".equals(shape.path("timestampFormat").asText())
                    ? NODES.textNode("2024-05-0" + (1 + random.nextInt(9)) + "T12:00:00Z")
                    : NODES.numberNode(1_600_000_000L + random.nextInt(200_000_000));
            case "blob" -> NODES.textNode(Base64.getEncoder().encodeToString(randomBytes(random, 8)));
            default -> throw new IllegalStateException("shape " + shapeName + " has type " + type);
        };
    }

    private ObjectNode structure(String shapeName, JsonNode shape, Random random, int depth, Set<String> open) {
        ObjectNode object = NODES.objectNode();
        if (depth > MAX_DEPTH || !open.add(shapeName)) {
            return object; // a recursive shape: stop here (missing required members are a fine input too)
        }
        Set<String> required = new HashSet<>();
        shape.path("required").forEach(name -> required.add(name.asText()));
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        shape.path("members").properties().forEach(members::add);
        if (shape.path("union").asBoolean() && !members.isEmpty()) {
            Map.Entry<String, JsonNode> one = members.get(random.nextInt(members.size()));
            object.set(one.getKey(), value(one.getValue().path("shape").asText(), one.getKey(), random, depth + 1,
                    open));
        } else {
            for (Map.Entry<String, JsonNode> member : members) {
                boolean wanted = required.contains(member.getKey())
                        || depth < OPTIONAL_DEPTH && random.nextInt(4) == 0;
                if (wanted) {
                    object.set(member.getKey(), value(member.getValue().path("shape").asText(), member.getKey(),
                            random, depth + 1, open));
                }
            }
        }
        open.remove(shapeName);
        return object;
    }

    private ArrayNode list(JsonNode shape, String member, Random random, int depth, Set<String> open) {
        ArrayNode list = NODES.arrayNode();
        // the seeded table has two partition keys: value lists of two reach the store
        boolean partitionValues = member.endsWith("Values") || member.equals("PartitionValueList");
        int count = bounded(shape, partitionValues && random.nextInt(3) != 0 ? 2 : random.nextInt(4), 0);
        String element = shape.path("member").path("shape").asText();
        for (int i = 0; i < count; i++) {
            list.add(value(element, member, random, depth + 1, open));
        }
        return list;
    }

    private ObjectNode map(JsonNode shape, String member, Random random, int depth, Set<String> open) {
        ObjectNode map = NODES.objectNode();
        int count = bounded(shape, random.nextInt(3), 0);
        JsonNode keyShape = shapes.get(shape.path("key").path("shape").asText());
        String valueShape = shape.path("value").path("shape").asText();
        for (int i = 0; i < count; i++) {
            String key = keyShape.has("enum") ? string(keyShape, member, random) : identifier(random, 1, 10);
            map.set(key, value(valueShape, member, random, depth + 1, open));
        }
        return map;
    }

    private String string(JsonNode shape, String member, Random random) {
        if (shape.has("enum")) {
            JsonNode values = shape.get("enum");
            return values.get(random.nextInt(values.size())).asText();
        }
        String text;
        if (member.equals("CatalogId")) {
            text = "000000000000";
        } else if (member.endsWith("Arn")) {
            text = arns.get(random.nextInt(arns.size()));
        } else if (member.equals("Expression")) {
            text = EXPRESSIONS.get(random.nextInt(EXPRESSIONS.size()));
        } else if (member.equals("Type") || member.equals("ColumnType")) {
            text = COLUMN_TYPES.get(random.nextInt(COLUMN_TYPES.size()));
        } else if (member.endsWith("Values") || member.equals("PartitionValueList")) {
            text = Integer.toString(random.nextInt(20));
        } else if (KNOWN_NAMES.containsKey(member) && random.nextInt(5) != 0) {
            text = KNOWN_NAMES.get(member);
        } else if ((member.endsWith("Name") || member.endsWith("Names")) && random.nextInt(4) != 0) {
            text = names.get(random.nextInt(names.size()));
        } else if (member.contains("Location") || member.equals("Path") || member.equals("ScriptLocation")) {
            text = "s3://fuzz-bucket/" + identifier(random, 1, 8) + "/";
        } else {
            text = identifier(random, 1, 12);
        }
        int min = shape.path("min").asInt(0);
        int max = shape.path("max").asInt(Integer.MAX_VALUE);
        StringBuilder sized = new StringBuilder(text);
        while (sized.length() < min) {
            sized.append('x');
        }
        return sized.length() > max ? sized.substring(0, max) : sized.toString();
    }

    private long integral(JsonNode shape, String member, Random random) {
        long min = shape.path("min").asLong(member.equals("MaxResults") ? 1 : 0);
        long max = Math.max(min, shape.path("max").asLong(min + 100));
        long span = Math.min(max - min, 1000);
        return min + random.nextInt((int) span + 1);
    }

    private static int bounded(JsonNode shape, int wanted, int floor) {
        int min = Math.max(floor, shape.path("min").asInt(0));
        int max = shape.path("max").asInt(Integer.MAX_VALUE);
        return Math.max(min, Math.min(wanted, max));
    }

    /** Free-form JSON for a document member. */
    static JsonNode document(Random random, int depth) {
        return switch (depth <= 0 ? random.nextInt(3) : random.nextInt(5)) {
            case 0 -> NODES.textNode(identifier(random, 0, 8));
            case 1 -> NODES.numberNode(random.nextInt(1000) - 500);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> {
                ArrayNode list = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    list.add(document(random, depth - 1));
                }
                yield list;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    object.set(identifier(random, 1, 6), document(random, depth - 1));
                }
                yield object;
            }
        };
    }

    static String identifier(Random random, int minLength, int maxLength) {
        int length = minLength + random.nextInt(maxLength - minLength + 1);
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append("abcdefghijklmnopqrstuvwxyz0123456789_".charAt(random.nextInt(i == 0 ? 26 : 37)));
        }
        return name.toString();
    }

    static byte[] randomBytes(Random random, int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static JsonNode readModel() {
        try (InputStream raw = ModelBodies.class.getResourceAsStream(MODEL)) {
            if (raw == null) {
                throw new IllegalStateException("the service model is not on the class path: " + MODEL);
            }
            return new ObjectMapper().readTree(new GZIPInputStream(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
