package io.mortar.catalog;

import io.mortar.model.GlueJson;
import io.mortar.model.JsonStrings;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Stored documents are the Glue input shapes as Glue JSON; these turn them back into model objects. */
final class Documents {
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
        return JsonStrings.writeMap(map);
    }

    static Map<String, String> readMap(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JsonStrings.readMap(json); // every listed partition has one: no data binding here
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Corrupt stored map " + json, e);
        }
    }
}
