package io.mortar.runtime.frame;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Named dynamic frames, in the order a transform produced them (Glue's {@code DynamicFrameCollection}). */
public final class DynamicFrameCollection {
    private final Map<String, DynamicFrame> frames;

    public DynamicFrameCollection(Map<String, DynamicFrame> frames) {
        this.frames = Collections.unmodifiableMap(new LinkedHashMap<>(frames));
    }

    /** The frame of that name; fails naming the names there are. */
    public DynamicFrame get(String name) {
        DynamicFrame frame = frames.get(name);
        if (frame == null) {
            throw new IllegalArgumentException("No frame named '" + name + "' in this collection; it has " + frames.keySet());
        }
        return frame;
    }

    public Set<String> keys() {
        return frames.keySet();
    }

    public List<DynamicFrame> values() {
        return List.copyOf(frames.values());
    }

    public Map<String, DynamicFrame> asMap() {
        return frames;
    }

    public int size() {
        return frames.size();
    }

    @Override
    public String toString() {
        return "DynamicFrameCollection" + frames.keySet();
    }
}
