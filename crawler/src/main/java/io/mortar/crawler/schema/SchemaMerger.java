package io.mortar.crawler.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Glue's widening when the schemas of several files (or several records) meet: numbers widen
 * {@code tinyint → smallint → int → bigint → double}, {@code float} goes to {@code double}, anything else that
 * differs becomes {@code string}; structs merge field by field (new fields appended in order of appearance), arrays
 * merge their elements, maps their values. Pure functions.
 */
public final class SchemaMerger {
    private static final List<String> NUMERIC_ORDER = List.of("tinyint", "smallint", "int", "bigint", "float", "double");

    private SchemaMerger() {
    }

    public static GlueType merge(GlueType a, GlueType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a.equals(b)) {
            return a;
        }
        if (a instanceof GlueType.Struct sa && b instanceof GlueType.Struct sb) {
            return new GlueType.Struct(mergeFields(sa.fields(), sb.fields()));
        }
        if (a instanceof GlueType.Array aa && b instanceof GlueType.Array ab) {
            return new GlueType.Array(merge(aa.element(), ab.element()));
        }
        if (a instanceof GlueType.MapType ma && b instanceof GlueType.MapType mb) {
            return new GlueType.MapType(merge(ma.key(), mb.key()), merge(ma.value(), mb.value()));
        }
        if (a instanceof GlueType.Primitive pa && b instanceof GlueType.Primitive pb) {
            return widenPrimitive(pa.name(), pb.name());
        }
        return GlueType.STRING;
    }

    private static GlueType widenPrimitive(String a, String b) {
        int ia = NUMERIC_ORDER.indexOf(a);
        int ib = NUMERIC_ORDER.indexOf(b);
        if (ia >= 0 && ib >= 0) {
            String wider = NUMERIC_ORDER.get(Math.max(ia, ib));
            // float is only wider than the integers for ordering; float meeting an integer of 32 bits or more is double
            if (wider.equals("float") && (a.equals("int") || a.equals("bigint") || b.equals("int") || b.equals("bigint"))) {
                wider = "double";
            }
            return new GlueType.Primitive(wider);
        }
        if (isDecimal(a) && isDecimal(b)) {
            return widenDecimal(a, b);
        }
        if ((isDecimal(a) && ib >= 0) || (isDecimal(b) && ia >= 0)) {
            return GlueType.DOUBLE;
        }
        if (a.equals("date") && b.equals("timestamp") || a.equals("timestamp") && b.equals("date")) {
            return GlueType.TIMESTAMP;
        }
        return GlueType.STRING;
    }

    private static boolean isDecimal(String name) {
        return name.startsWith("decimal(");
    }

    private static GlueType widenDecimal(String a, String b) {
        int[] pa = decimalParts(a);
        int[] pb = decimalParts(b);
        int scale = Math.max(pa[1], pb[1]);
        int integerDigits = Math.max(pa[0] - pa[1], pb[0] - pb[1]);
        return GlueType.decimal(Math.min(38, integerDigits + scale), scale);
    }

    private static int[] decimalParts(String name) {
        String[] parts = name.substring("decimal(".length(), name.length() - 1).split(",");
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    }

    private static List<GlueType.Field> mergeFields(List<GlueType.Field> a, List<GlueType.Field> b) {
        return mergeFields(a, b, SchemaMerger::merge);
    }

    /**
     * Merges two structs' fields by name: the first's order, then the second's new fields; a field in both gets
     * {@code mergeType} of its two types (a format with its own rules, XML's arrays, passes its merge).
     */
    public static List<GlueType.Field> mergeFields(List<GlueType.Field> a, List<GlueType.Field> b,
                                                   BinaryOperator<GlueType> mergeType) {
        Map<String, GlueType> merged = new LinkedHashMap<>();
        for (GlueType.Field f : a) {
            merged.put(f.name(), f.type());
        }
        for (GlueType.Field f : b) {
            merged.merge(f.name(), f.type(), mergeType);
        }
        List<GlueType.Field> out = new ArrayList<>();
        merged.forEach((name, type) -> out.add(new GlueType.Field(name, type)));
        return out;
    }

    /** Merges two tables' columns by name: the first's order, then the second's new columns. */
    public static List<Column> mergeColumns(List<Column> a, List<Column> b) {
        return new GlueType.Struct(mergeFields(toFields(a), toFields(b))).columns();
    }

    private static List<GlueType.Field> toFields(List<Column> columns) {
        return columns.stream().map(c -> new GlueType.Field(c.name(), c.type())).toList();
    }
}
