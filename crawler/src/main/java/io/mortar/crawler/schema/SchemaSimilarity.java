package io.mortar.crawler.schema;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How alike two schemas are, from 0.0 to 1.0, for Glue's rule that sibling folders become partitions of one table
 * only when their schemas are more than 70 % similar ({@link #PARTITION_THRESHOLD}). The measure is the share of
 * columns (by name, over the union of both schemas) present in both with compatible types — equal, or one widening
 * into the other without falling back to {@code string}. Pure and symmetric.
 */
public final class SchemaSimilarity {
    public static final double PARTITION_THRESHOLD = 0.7;

    private SchemaSimilarity() {
    }

    public static double similarity(List<Column> a, List<Column> b) {
        Map<String, GlueType> left = new HashMap<>();
        a.forEach(c -> left.put(c.name(), c.type()));
        Map<String, GlueType> right = new HashMap<>();
        b.forEach(c -> right.put(c.name(), c.type()));
        Set<String> union = new HashSet<>(left.keySet());
        union.addAll(right.keySet());
        if (union.isEmpty()) {
            return 1.0;
        }
        int shared = 0;
        for (String name : union) {
            GlueType l = left.get(name);
            GlueType r = right.get(name);
            if (l != null && r != null && compatible(l, r)) {
                shared++;
            }
        }
        return (double) shared / union.size();
    }

    public static boolean similarEnoughForPartitions(List<Column> a, List<Column> b) {
        return similarity(a, b) > PARTITION_THRESHOLD;
    }

    private static boolean compatible(GlueType l, GlueType r) {
        if (l.equals(r)) {
            return true;
        }
        GlueType merged = SchemaMerger.merge(l, r);
        return !(merged.equals(GlueType.STRING));
    }
}
