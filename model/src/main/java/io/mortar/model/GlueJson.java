package io.mortar.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Binds AWS Glue JSON 1.1 documents to the AWS SDK's generated Glue model classes and back.
 *
 * <p>The SDK's classes are generated from the same service model Glue serves, so field names and types match
 * the wire exactly; each class describes its members through {@link SdkPojo#sdkFields()}, which lets one small
 * binder serve every operation. Wire rules: member names as the model spells them, timestamps as epoch seconds
 * (a JSON number with an optional fraction), blobs as base64 strings, absent values omitted.
 */
public final class GlueJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    static {
        // Glue's largest documents (a table with thousands of columns, 512 000-char parameter values) stay
        // well below these; the defaults would reject a legitimate 20 MB string.
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(64 * 1024 * 1024).maxNestingDepth(256).build());
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final BigDecimal MIN_EPOCH_SECONDS = BigDecimal.valueOf(Long.MIN_VALUE, 3);
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE, 3);

    private GlueJson() {}

    /** The shared mapper: plain JSON, big decimals for fractions so epoch-second timestamps keep nanoseconds. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a request body; anything that is not a single JSON value in well-formed UTF-8 is a
     * {@code SerializationException}. The bytes are decoded strictly first: Jackson would read an encoded surrogate
     * ({@code ED A0 80}) as a lone surrogate, and a lenient decoder would turn bad bytes into U+FFFD, so distinct
     * values would be stored as one.
     */
    public static JsonNode parse(byte[] body) {
        CharBuffer text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new GlueException(GlueErrorCode.SERIALIZATION, "Request body is not valid UTF-8.");
        }
        if (text.hasRemaining() && text.get(text.position()) == BYTE_ORDER_MARK) {
            text.position(text.position() + 1); // as Jackson's byte parser skipped it, which clients may rely on
        }
        try (Reader reader = new CharArrayReader(text.array(), text.arrayOffset() + text.position(),
                text.remaining())) {
            JsonNode node = MAPPER.readTree(reader);
            return node == null ? MAPPER.createObjectNode() : node;
        } catch (IOException | NumberFormatException e) {
            throw new GlueException(GlueErrorCode.SERIALIZATION, "Request body is not valid JSON: " + firstLine(e));
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException | NumberFormatException e) {
            throw new GlueException(GlueErrorCode.SERIALIZATION, "Not valid JSON: " + firstLine(e));
        }
    }

    /**
     * Whether a JSON number, as epoch seconds, is a timestamp Mortar can keep: the store holds epoch milliseconds in
     * a long, which reaches about 292 million years either side of 1970 (Glue's own {@code java.util.Date} holds
     * the same).
     */
    public static boolean isTimestampInRange(JsonNode epochSeconds) {
        if ((epochSeconds.isDouble() || epochSeconds.isFloat()) && !Double.isFinite(epochSeconds.doubleValue())) {
            return false;
        }
        // compareTo looks at magnitudes first, so even 1E999999999 is compared without being expanded
        BigDecimal seconds = epochSeconds.decimalValue();
        return seconds.compareTo(MIN_EPOCH_SECONDS) >= 0 && seconds.compareTo(MAX_EPOCH_SECONDS) <= 0;
    }

    /** Reads {@code node} into the object the builder produces; members the model does not know are ignored. */
    @SuppressWarnings("unchecked")
    public static <T> T read(JsonNode node, SdkBuilder<?, T> builder) {
        if (!node.isObject()) {
            throw new GlueException(GlueErrorCode.SERIALIZATION, "Expected a JSON object");
        }
        SdkPojo pojo = (SdkPojo) builder;
        readInto(node, pojo, "");
        return builder.build();
    }

    public static <T> T read(String json, SdkBuilder<?, T> builder) {
        return read(parse(json), builder);
    }

    private static void readInto(JsonNode node, SdkPojo builder, String path) {
        Map<String, SdkField<?>> fields = fieldsByLocationName(builder);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            SdkField<?> field = fields.get(member.getKey());
            if (field == null || member.getValue().isNull()) {
                continue;
            }
            String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
            field.set(builder, readValue(field, member.getValue(), memberPath));
        }
    }

    private static Object readValue(SdkField<?> field, JsonNode value, String path) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case STRING:
                return requireType(value.isTextual(), value, "a string", path).textValue();
            case INTEGER:
                return requireType(value.isIntegralNumber() && value.canConvertToInt(), value, "an integer", path)
                        .intValue();
            case LONG:
                return requireType(value.isIntegralNumber() && value.canConvertToLong(), value, "a long", path)
                        .longValue();
            case SHORT:
                return (short) requireType(value.isIntegralNumber(), value, "an integer", path).intValue();
            case BYTE:
                return (byte) requireType(value.isIntegralNumber(), value, "an integer", path).intValue();
            case DOUBLE:
                return requireType(value.isNumber(), value, "a number", path).doubleValue();
            case FLOAT:
                return requireType(value.isNumber(), value, "a number", path).floatValue();
            case BIG_DECIMAL:
                return requireType(value.isNumber(), value, "a number", path).decimalValue();
            case BOOLEAN:
                return requireType(value.isBoolean(), value, "a boolean", path).booleanValue();
            case INSTANT: {
                requireType(value.isNumber(), value, "a timestamp (epoch seconds)", path);
                if (!isTimestampInRange(value)) {
                    throw new GlueException(GlueErrorCode.SERIALIZATION, "Expected a timestamp (epoch seconds) at '"
                            + path + "' but found a number outside the range of timestamps");
                }
                return epochSecondsToInstant(value.decimalValue());
            }
            case SDK_BYTES:
                try {
                    return SdkBytes.fromByteArray(Base64.getDecoder()
                            .decode(requireType(value.isTextual(), value, "a base64 string", path).textValue()));
                } catch (IllegalArgumentException e) {
                    throw new GlueException(GlueErrorCode.SERIALIZATION, "Invalid base64 at '" + path + "'");
                }
            case SDK_POJO: {
                requireType(value.isObject(), value, "an object", path);
                Supplier<SdkPojo> constructor = field.constructor();
                SdkPojo nested = constructor.get();
                readInto(value, nested, path);
                return ((SdkBuilder<?, ?>) nested).build();
            }
            case LIST: {
                requireType(value.isArray(), value, "a list", path);
                SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                List<Object> list = new ArrayList<>(value.size());
                int index = 0;
                for (JsonNode element : value) {
                    index++;
                    list.add(element.isNull() ? null : readValue(member, element, path + "." + index + ".member"));
                }
                return list;
            }
            case MAP: {
                requireType(value.isObject(), value, "a map", path);
                SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    map.put(e.getKey(), e.getValue().isNull() ? null
                            : readValue(member, e.getValue(), path + "." + e.getKey()));
                }
                return map;
            }
            case DOCUMENT:
                return toDocument(value);
            default:
                throw new IllegalStateException("Unsupported marshalling type " + type + " at " + path);
        }
    }

    private static JsonNode requireType(boolean ok, JsonNode value, String expected, String path) {
        if (!ok) {
            throw new GlueException(GlueErrorCode.SERIALIZATION,
                    "Expected " + expected + " at '" + path + "' but found " + describe(value));
        }
        return value;
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) return "a string";
        if (value.isNumber()) return "a number";
        if (value.isBoolean()) return "a boolean";
        if (value.isArray()) return "a list";
        if (value.isObject()) return "an object";
        return value.getNodeType().toString().toLowerCase();
    }

    private static Document toDocument(JsonNode value) {
        if (value.isNull()) return Document.fromNull();
        if (value.isTextual()) return Document.fromString(value.textValue());
        if (value.isBoolean()) return Document.fromBoolean(value.booleanValue());
        if (value.isNumber()) return Document.fromNumber(value.decimalValue());
        if (value.isArray()) {
            List<Document> list = new ArrayList<>();
            value.forEach(v -> list.add(toDocument(v)));
            return Document.fromList(list);
        }
        Map<String, Document> map = new LinkedHashMap<>();
        value.fields().forEachRemaining(e -> map.put(e.getKey(), toDocument(e.getValue())));
        return Document.fromMap(map);
    }

    static Instant epochSecondsToInstant(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, java.math.RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
    }

    static BigDecimal instantToEpochSeconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond());
        if (instant.getNano() == 0) {
            return seconds;
        }
        return seconds.add(BigDecimal.valueOf(instant.getNano(), 9)).stripTrailingZeros();
    }

    /** Serialises an SDK object (a response or a stored shape) as Glue JSON. */
    public static byte[] write(SdkPojo pojo) {
        // Segmented, so a response of a thousand partitions grows without copying itself at every doubling.
        try (ByteArrayBuilder out = new ByteArrayBuilder(2048)) {
            write(pojo, out);
            return out.toByteArray();
        }
    }

    public static String writeString(SdkPojo pojo) {
        return new String(write(pojo), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static void write(SdkPojo pojo, OutputStream out) {
        try (JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
            new Writer(gen).writePojo(pojo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A member and its wire name, encoded once: re-encoding every name of every object was half the cost. */
    private record WireField(SdkField<?> field, SerializedString name) {}

    private static final java.util.concurrent.ConcurrentHashMap<Class<?>, WireField[]> WIRE_FIELDS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static WireField[] wireFields(SdkPojo pojo) {
        WireField[] fields = WIRE_FIELDS.get(pojo.getClass());
        if (fields == null) {
            fields = pojo.sdkFields().stream()
                    .map(f -> new WireField(f, new SerializedString(f.locationName())))
                    .toArray(WireField[]::new);
            WIRE_FIELDS.put(pojo.getClass(), fields);
        }
        return fields;
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap;
    }

    /** Writes one document; structures and lists of structures met again are copied from their first writing. */
    private static final class Writer {
        private final JsonGenerator gen;
        private final RepeatedValues repeated;

        Writer(JsonGenerator gen) {
            this(gen, new RepeatedValues());
        }

        private Writer(JsonGenerator gen, RepeatedValues repeated) {
            this.gen = gen;
            this.repeated = repeated;
        }

        void writePojo(SdkPojo pojo) throws IOException {
            gen.writeStartObject();
            for (WireField member : wireFields(pojo)) {
                Object value = member.field().getValueOrDefault(pojo);
                if (isAbsent(value)) {
                    continue;
                }
                gen.writeFieldName(member.name());
                writeValue(member.field(), value);
            }
            gen.writeEndObject();
        }

        private void writeValue(SdkField<?> field, Object value) throws IOException {
            if (value == null) {
                gen.writeNull();
                return;
            }
            switch (field.marshallingType().getKnownType()) {
                case STRING -> gen.writeString((String) value);
                case INTEGER, SHORT, BYTE -> gen.writeNumber(((Number) value).intValue());
                case LONG -> gen.writeNumber((Long) value);
                case DOUBLE -> gen.writeNumber((Double) value);
                case FLOAT -> gen.writeNumber((Float) value);
                case BIG_DECIMAL -> gen.writeNumber((BigDecimal) value);
                case BOOLEAN -> gen.writeBoolean((Boolean) value);
                case INSTANT -> gen.writeNumber(instantToEpochSeconds((Instant) value));
                case SDK_BYTES -> gen.writeString(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
                case SDK_POJO -> {
                    SdkPojo pojo = (SdkPojo) value;
                    if (!repeated.writeIfRepeated(RepeatedValues.sameObject(pojo), gen,
                            into -> new Writer(into, repeated).writePojo(pojo))) {
                        writePojo(pojo);
                    }
                }
                case LIST -> {
                    SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
                    List<?> list = (List<?>) value;
                    // Each partition holds its own copy of its storage descriptor's columns, but the Column
                    // objects in those copies are the same ones: key such lists by their elements.
                    if (member.marshallingType().getKnownType() == MarshallingKnownType.SDK_POJO && !list.isEmpty()
                            && repeated.writeIfRepeated(RepeatedValues.sameElements(list), gen,
                                    into -> new Writer(into, repeated).writeList(member, list))) {
                        return;
                    }
                    writeList(member, list);
                }
                case MAP -> {
                    SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
                    gen.writeStartObject();
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                        gen.writeFieldName(String.valueOf(e.getKey()));
                        writeValue(member, e.getValue());
                    }
                    gen.writeEndObject();
                }
                case DOCUMENT -> MAPPER.writeValue(gen, ((Document) value).unwrap());
                default -> throw new IllegalStateException("Unsupported marshalling type for " + field.memberName());
            }
        }

        private void writeList(SdkField<?> member, List<?> list) throws IOException {
            gen.writeStartArray();
            for (Object element : list) {
                writeValue(member, element);
            }
            gen.writeEndArray();
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Class<?>, Map<String, SdkField<?>>> FIELD_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Map<String, SdkField<?>> fieldsByLocationName(SdkPojo pojo) {
        return FIELD_CACHE.computeIfAbsent(pojo.getClass(), type -> {
            Map<String, SdkField<?>> byName = new LinkedHashMap<>();
            for (SdkField<?> field : pojo.sdkFields()) {
                byName.put(field.locationName(), field);
            }
            return Map.copyOf(byName);
        });
    }

    private static String firstLine(Exception e) {
        String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                ? jpe.getOriginalMessage() : e.getMessage();
        message = String.valueOf(message);
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
