package io.mortar.runtime.transform;

import static org.apache.spark.sql.functions.coalesce;

import io.mortar.runtime.frame.ChoiceMarker;
import io.mortar.runtime.frame.Columns;
import io.mortar.runtime.frame.DynamicFrame;
import io.mortar.runtime.frame.DynamicSchema;
import io.mortar.runtime.frame.DynamicType;
import io.mortar.runtime.frame.FieldPath;
import io.mortar.runtime.frame.TransformOptions;
import io.mortar.runtime.transform.FieldRewriter.NewField;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Resolves choice types, as Glue's {@code resolveChoice}: either per path ({@code specs}) or one action for every
 * choice ({@code choice}), never both. Actions:
 * <ul>
 *   <li>{@code cast:<type>} — every member cast to the type; values that cannot be cast become null;</li>
 *   <li>{@code project:<type>} — the field becomes that type: the member of that type as is, others converted
 *       as by cast (so it differs from cast only in name, as in Glue's current documentation);</li>
 *   <li>{@code make_cols} — one column per member, named {@code <field>_<type>}, beside the field's siblings;</li>
 *   <li>{@code make_struct} — the choice becomes an ordinary struct with a field per member.</li>
 * </ul>
 * Paths use dots for struct fields and {@code []} for array elements ({@code items[].price}). Glue's fifth action,
 * {@code match_catalog}, casts to the type a catalog table gives the path: {@link #matchCatalog}.
 */
public final class ResolveChoice {
    /** One path and the action for it. */
    public record Spec(String path, String action) {
        public Spec {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(action, "action");
        }
    }

    public static Spec spec(String path, String action) {
        return new Spec(path, action);
    }

    private ResolveChoice() {}

    public static DynamicFrame apply(DynamicFrame frame, List<Spec> specs, String choice, TransformOptions options) {
        boolean hasSpecs = specs != null && !specs.isEmpty();
        boolean hasChoice = choice != null && !choice.isBlank();
        if (hasSpecs && hasChoice) {
            throw new IllegalArgumentException("ResolveChoice takes either specs or choice, not both: specs=" + specs
                    + ", choice=" + choice);
        }
        if (!hasSpecs && !hasChoice) {
            throw new IllegalArgumentException("ResolveChoice needs either specs (path and action pairs) or a choice action");
        }
        Dataset<Row> df = frame.toDF();
        if (hasSpecs) {
            for (Spec spec : specs) {
                FieldPath path = FieldPath.parse(spec.path());
                if (!FieldRewriter.exists(df, path)) {
                    throw new IllegalArgumentException("ResolveChoice: no field '" + spec.path() + "' in frame '"
                            + frame.name() + "'; its schema is " + DynamicSchema.of(df.schema()).simpleString());
                }
                df = FieldRewriter.rewrite(df, path, leaf(Action.parse(spec.action(), spec.path()), spec.path()));
            }
        } else {
            Action action = Action.parse(choice, "every choice");
            // Deepest first: resolving an outer path never invalidates the inner ones already done.
            List<String> paths = new ArrayList<>(DynamicSchema.of(df.schema()).choicePaths());
            java.util.Collections.reverse(paths);
            for (String p : paths) {
                Action forPath = action.kind == Kind.MAKE_COLS && FieldPath.parse(p).last() instanceof FieldPath.Elements
                        ? new Action(Kind.MAKE_STRUCT, null) : action;
                df = FieldRewriter.rewrite(df, FieldPath.parse(p), leaf(forPath, p));
            }
        }
        return frame.derive(df, options);
    }

    public static final String MATCH_CATALOG = "match_catalog";

    /**
     * {@link #apply} where specs and choice may also say {@code match_catalog}: each such path (with the choice,
     * every choice the frame has that no spec names) is cast to the type its column has in {@code catalogSchema}
     * (a catalog table's columns and partition keys, names matched ignoring case, as the catalog keeps them in
     * lower case). A choice the table has no column for stays as it is; a spec naming such a path fails.
     */
    public static DynamicFrame matchCatalog(DynamicFrame frame, List<Spec> specs, String choice,
                                            StructType catalogSchema, TransformOptions options) {
        DynamicSchema catalog = DynamicSchema.of(catalogSchema);
        List<Spec> resolved = new ArrayList<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Spec spec : specs == null ? List.<Spec>of() : specs) {
            named.add(spec.path());
            if (!spec.action().trim().equals(MATCH_CATALOG)) {
                resolved.add(spec);
                continue;
            }
            resolved.add(catalogCast(spec.path(), catalog).orElseThrow(() -> new IllegalArgumentException(
                    "ResolveChoice: match_catalog for '" + spec.path() + "', but the catalog table has no column "
                            + "there; its columns are " + catalog.fieldNames())));
        }
        String otherChoices = choice;
        if (choice != null && choice.trim().equals(MATCH_CATALOG)) {
            otherChoices = null;
            // deepest first, as apply resolves every choice: an outer cast never removes an inner path still to do
            List<String> paths = new ArrayList<>(frame.schema().choicePaths());
            java.util.Collections.reverse(paths);
            for (String path : paths) {
                if (!named.contains(path)) {
                    catalogCast(path, catalog).ifPresent(resolved::add);
                }
            }
        }
        if (resolved.isEmpty() && (otherChoices == null || otherChoices.isBlank())) {
            return frame.derive(frame.toDF(), options);
        }
        return apply(frame, resolved, otherChoices, options);
    }

    private static java.util.Optional<Spec> catalogCast(String path, DynamicSchema catalog) {
        return catalog.spelledAsIn(FieldPath.parse(path))
                .flatMap(spelled -> catalog.typeAt(spelled.toString()))
                .map(type -> new Spec(path, "cast:" + type.toSpark().catalogString()));
    }

    private enum Kind { CAST, PROJECT, MAKE_COLS, MAKE_STRUCT }

    private record Action(Kind kind, DataType type) {
        static Action parse(String text, String forWhat) {
            String t = text.trim();
            if (t.equals("make_cols")) {
                return new Action(Kind.MAKE_COLS, null);
            }
            if (t.equals("make_struct")) {
                return new Action(Kind.MAKE_STRUCT, null);
            }
            if (t.startsWith("cast:")) {
                return new Action(Kind.CAST, TypeNames.parse(t.substring(5), "in ResolveChoice action '" + t + "' for " + forWhat));
            }
            if (t.startsWith("project:")) {
                return new Action(Kind.PROJECT, TypeNames.parse(t.substring(8), "in ResolveChoice action '" + t + "' for " + forWhat));
            }
            if (t.equals(MATCH_CATALOG)) {
                throw new IllegalArgumentException("ResolveChoice action match_catalog for " + forWhat
                        + " needs the catalog table to match: give database and table_name");
            }
            throw new IllegalArgumentException("Unknown ResolveChoice action '" + text + "' for " + forWhat
                    + "; expected cast:<type>, project:<type>, make_cols, make_struct or match_catalog");
        }
    }

    private static FieldRewriter.Leaf leaf(Action action, String path) {
        return (value, field) -> {
            DynamicType type = DynamicType.of(field);
            if (!(type instanceof DynamicType.Choice choice)) {
                // Not a choice: cast and project still convert it; the other actions leave it alone.
                if (action.kind == Kind.CAST || action.kind == Kind.PROJECT) {
                    return List.of(new NewField(field.name(), action.type, ChoiceMarker.without(field.metadata()),
                            Columns.castOrNull(value, field.dataType(), action.type)));
                }
                return List.of(new NewField(field, value));
            }
            return switch (action.kind) {
                case CAST, PROJECT -> List.of(new NewField(field.name(), action.type,
                        ChoiceMarker.without(field.metadata()), toOneType(value, choice, action.type, action.type)));
                case MAKE_STRUCT -> {
                    StructType plain = plainStruct((StructType) field.dataType());
                    yield List.of(new NewField(field.name(), plain, ChoiceMarker.without(field.metadata()), value.cast(plain)));
                }
                case MAKE_COLS -> {
                    if (field.name().equals("element")) {
                        throw new IllegalArgumentException("ResolveChoice: make_cols cannot split the array elements at '"
                                + path + "' into columns; use make_struct, cast or project");
                    }
                    List<NewField> columns = new ArrayList<>();
                    for (DynamicType member : choice.members()) {
                        columns.add(new NewField(field.name() + "_" + member.memberName(), member.toSpark(),
                                Columns.metadataFor(member), value.getField(member.memberName())));
                    }
                    yield columns;
                }
            };
        };
    }

    /**
     * The choice as one value of {@code target}: every member cast to it (uncastable values become null), the member
     * of type {@code preferred} (if any; null for none) tried first. At most one member is non-null per row.
     */
    static Column toOneType(Column value, DynamicType.Choice choice, DataType target, DataType preferred) {
        List<Column> candidates = new ArrayList<>();
        for (DynamicType member : choice.members()) {
            Column cast = Columns.castOrNull(value.getField(member.memberName()), member.toSpark(), target);
            if (member.toSpark().equals(preferred)) {
                candidates.add(0, cast);
            } else {
                candidates.add(cast);
            }
        }
        return coalesce(candidates.toArray(Column[]::new));
    }

    private static StructType plainStruct(StructType choiceStruct) {
        List<StructField> fields = new ArrayList<>();
        for (StructField f : choiceStruct.fields()) {
            fields.add(new StructField(f.name(), f.dataType(), true, ChoiceMarker.without(f.metadata())));
        }
        return new StructType(fields.toArray(StructField[]::new));
    }
}
