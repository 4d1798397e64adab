package io.mortar.model.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the {@code shapes} of a botocore service model into a graph of {@link ShapeValidator}s.
 *
 * <p>Each shape is compiled once and shared by reference by every member that targets it, so {@code NameString}
 * is one validator however many structures use it, and each regex is compiled once however many shapes share it.
 * A member that leads back to a shape still being compiled (a recursive shape) gets a {@link ForwardReference},
 * resolved as soon as that shape is complete, so every validator can be immutable.
 *
 * <p>Single-use and not thread-safe: it runs during loading, before the validators are published.
 */
final class ShapeCompiler {
    private final JsonNode shapes;
    private final Map<String, ShapeValidator> compiled = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Map<String, ForwardReference> forwardReferences = new HashMap<>();
    private final Map<String, StringMatcher> matchers = new HashMap<>();
    private final Set<String> skippedPatterns = new TreeSet<>();

    ShapeCompiler(JsonNode shapes) {
        this.shapes = shapes;
    }

    ShapeValidator compile(String shapeName) {
        ShapeValidator known = compiled.get(shapeName);
        if (known != null) {
            return known;
        }
        if (inProgress.contains(shapeName)) {
            return forwardReferences.computeIfAbsent(shapeName, ForwardReference::new);
        }
        JsonNode shape = shapes.get(shapeName);
        if (shape == null) {
            throw new IllegalStateException("The service model references the undefined shape " + shapeName);
        }
        String type = shape.path("type").asText();
        inProgress.add(shapeName);
        ShapeValidator validator = switch (type) {
            case "structure" -> compileStructure(shapeName, shape);
            case "list" -> compileList(shape);
            case "map" -> compileMap(shape);
            case "string" -> compileString(shape);
            case "integer" -> new IntegralValidator(IntegralValidator.Kind.INTEGER, shape);
            case "long" -> new IntegralValidator(IntegralValidator.Kind.LONG, shape);
            case "double", "float" -> new FloatingValidator(shape);
            case "boolean" -> BooleanValidator.INSTANCE;
            case "timestamp" -> TimestampValidator.forFormat(shape.path("timestampFormat").textValue());
            case "blob" -> BlobValidator.INSTANCE;
            // failing the load beats silently accepting anything for a type this code has never seen
            default -> throw new IllegalStateException("Shape " + shapeName + " has the unsupported type " + type);
        };
        inProgress.remove(shapeName);
        compiled.put(shapeName, validator);
        ForwardReference pending = forwardReferences.remove(shapeName);
        if (pending != null) {
            pending.resolve(validator);
        }
        return validator;
    }

    /** The patterns Java could not compile; strings guarded by them are checked for everything else. */
    Set<String> skippedPatterns() {
        return Collections.unmodifiableSet(skippedPatterns);
    }

    /** How many distinct shapes have been compiled (each exactly once). */
    int compiledShapeCount() {
        return compiled.size();
    }

    private ShapeValidator compileStructure(String shapeName, JsonNode shape) {
        if (shape.path("document").asBoolean()) {
            return DocumentValidator.INSTANCE;
        }
        // Unions (one member set) are validated like structures: AWS's wording for a union with two members set
        // is unknown, and rejecting on a guess is worse than letting the service code decide.
        JsonNode members = shape.path("members");
        Set<String> required = new HashSet<>();
        shape.path("required").forEach(name -> required.add(name.asText()));

        int count = members.size();
        String[] wireNames = new String[count];
        String[] pathNames = new String[count];
        ShapeValidator[] validators = new ShapeValidator[count];
        boolean[] isRequired = new boolean[count];
        int i = 0;
        for (Map.Entry<String, JsonNode> member : members.properties()) {
            wireNames[i] = member.getKey();
            pathNames[i] = lowerCamel(member.getKey());
            validators[i] = compile(member.getValue().path("shape").asText());
            isRequired[i] = required.contains(member.getKey());
            i++;
        }
        return new StructureValidator(shapeName, wireNames, pathNames, validators, isRequired);
    }

    private ShapeValidator compileList(JsonNode shape) {
        ShapeValidator element = compile(shape.path("member").path("shape").asText());
        return new ListValidator(LengthRule.of(shape), element);
    }

    private ShapeValidator compileMap(JsonNode shape) {
        ShapeValidator key = compile(shape.path("key").path("shape").asText());
        ShapeValidator value = compile(shape.path("value").path("shape").asText());
        // JSON object keys are strings whatever the model says; only string constraints (and well-formedness, which
        // the map checks itself) can fail on them
        StringValidator keyCheck = key instanceof StringValidator s && s.hasConstraints() ? s : null;
        return new MapValidator(LengthRule.of(shape), keyCheck, value);
    }

    private StringValidator compileString(JsonNode shape) {
        String patternText = shape.path("pattern").textValue();
        StringMatcher matcher = patternText == null ? null : matcherFor(patternText);
        List<String> enumValues = null;
        if (shape.has("enum")) {
            enumValues = new ArrayList<>();
            for (JsonNode value : shape.get("enum")) {
                enumValues.add(value.asText());
            }
        }
        return new StringValidator(LengthRule.of(shape), matcher, patternText, enumValues);
    }

    private StringMatcher matcherFor(String patternText) {
        if (skippedPatterns.contains(patternText)) {
            return null;
        }
        StringMatcher matcher = matchers.get(patternText);
        if (matcher == null) {
            try {
                matcher = StringMatchers.compile(patternText);
            } catch (PatternSyntaxException e) {
                skippedPatterns.add(patternText);
                return null;
            }
            matchers.put(patternText, matcher);
        }
        return matcher;
    }

    /** AWS names members in messages by their lowerCamelCase form: {@code DatabaseInput} → {@code databaseInput}. */
    static String lowerCamel(String memberName) {
        if (memberName.isEmpty() || Character.isLowerCase(memberName.charAt(0))) {
            return memberName;
        }
        return Character.toLowerCase(memberName.charAt(0)) + memberName.substring(1);
    }
}
