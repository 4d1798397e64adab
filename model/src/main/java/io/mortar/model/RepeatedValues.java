package io.mortar.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one JSON document being written that occur more than once, kept as their JSON text.
 *
 * <p>A GetPartitions page holds up to a thousand partitions whose storage descriptors share everything but the
 * Location: the same Column and SerDeInfo objects, so the same JSON, written a thousand times. SDK model objects
 * are immutable, so within one document the same object (or a list of the same objects) always writes the same
 * JSON: the second time a value is met its text is produced once and kept, and from then on copied as raw
 * bytes. A value met only once costs one map entry.
 */
final class RepeatedValues {
    private static final Object SEEN_ONCE = new Object();

    /** Writes a value into a generator. */
    @FunctionalInterface
    interface Fragment {
        void writeTo(JsonGenerator into) throws IOException;
    }

    private final Map<Object, Object> seen = new HashMap<>();

    /**
     * When {@code key}'s value was met before in this document, writes its JSON (producing it with
     * {@code fragment} the first time it repeats) and returns true; the first time, returns false for the caller
     * to write the value as usual.
     */
    boolean writeIfRepeated(Object key, JsonGenerator gen, Fragment fragment) throws IOException {
        Object state = seen.get(key);
        if (state == null) {
            seen.put(key, SEEN_ONCE);
            return false;
        }
        SerializedString json;
        if (state == SEEN_ONCE) {
            StringWriter text = new StringWriter(256);
            try (JsonGenerator into = GlueJson.mapper().getFactory().createGenerator(text)) {
                fragment.writeTo(into);
            }
            json = new SerializedString(text.toString());
            seen.put(key, json);
        } else {
            json = (SerializedString) state;
        }
        gen.writeRawValue(json);
        return true;
    }

    /** The key of one object, by identity. */
    static Object sameObject(Object value) {
        return new SameElements(false, new Object[] {value});
    }

    /** The key of a list, by the identity of its elements. */
    static Object sameElements(List<?> list) {
        return new SameElements(true, list.toArray());
    }

    private static final class SameElements {
        private final boolean list;
        private final Object[] elements;
        private final int hash;

        SameElements(boolean list, Object[] elements) {
            this.list = list;
            this.elements = elements;
            int h = list ? elements.length : -1;
            for (Object e : elements) {
                h = 31 * h + System.identityHashCode(e);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof SameElements that) || that.list != list
                    || that.elements.length != elements.length) {
                return false;
            }
            for (int i = 0; i < elements.length; i++) {
                if (elements[i] != that.elements[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
