package io.mortar.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.mortar.model.GlueJson;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Stored documents are the Glue input shapes as Glue JSON; these turn them back into model objects. */
final class Documents {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private Documents() {}

    static String write(SdkPojo shape) {
        return shape == null ? null : GlueJson.writeString(shape);
    }

    static <T> T read(String document, SdkBuilder<?, T> builder) {
        return GlueJson.read(document, builder);
    }

    static String writeMap(Map<String, String> map) {
        if (map == null || map.isEmpty() || map instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap) {
            return null;
        }
        try {
            return GlueJson.mapper().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> readMap(String json) {
        if (json == null) {
            return null;
        }
        try {
            return GlueJson.mapper().readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Corrupt stored map " + json, e);
        }
    }
}
