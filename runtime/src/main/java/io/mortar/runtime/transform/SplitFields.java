package io.mortar.runtime.transform;

import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicFrameCollection;
import io.mortar.runtime.frame.TransformOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Glue's SplitFields: the fields at the paths go to a frame named {@code name1}, all others to {@code name2}. */
public final class SplitFields {
    private SplitFields() {}

    public static DynamicFrameCollection apply(DynamicFrame frame, List<String> paths, String name1, String name2,
                                               TransformOptions options) {
        if (name1.equals(name2)) {
            throw new IllegalArgumentException("SplitFields needs two different frame names, got '" + name1 + "' twice");
        }
        Map<String, DynamicFrame> out = new LinkedHashMap<>();
        out.put(name1, frame.derive(SelectFields.select(frame.toDF(), paths), options).withName(name1));
        out.put(name2, frame.derive(DropFields.drop(frame.toDF(), paths), options).withName(name2));
        return new DynamicFrameCollection(out);
    }
}
