package io.mortar.crawler.schema;

import static java.util.Objects.requireNonNull;

/** One inferred column: its (lower-cased, as Glue stores them) name and type. */
public record Column(String name, GlueType type) {
    public Column {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }

    public String typeName() {
        return type.glueName();
    }

    public software.amazon.awssdk.services.glue.model.Column toGlue() {
        return software.amazon.awssdk.services.glue.model.Column.builder().name(name).type(type.glueName()).build();
    }
}
