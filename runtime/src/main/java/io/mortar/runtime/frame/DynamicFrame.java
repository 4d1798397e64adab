package io.mortar.runtime.frame;

import io.mortar.runtime.frame.DynamicType.Field;
import io.mortar.runtime.frame.DynamicType.Struct;
import io.mortar.runtime.transform.ApplyMapping;
import io.mortar.runtime.transform.DropFields;
import io.mortar.runtime.transform.DropNullFields;
import io.mortar.runtime.transform.Filter;
import io.mortar.runtime.transform.Join;
import io.mortar.runtime.transform.Map;
import io.mortar.runtime.transform.RecordFunction;
import io.mortar.runtime.transform.Relationalize;
import io.mortar.runtime.transform.RenameField;
import io.mortar.runtime.transform.ResolveChoice;
import io.mortar.runtime.transform.RowFunction;
import io.mortar.runtime.transform.RowPredicate;
import io.mortar.runtime.transform.SelectFields;
import io.mortar.runtime.transform.SplitFields;
import io.mortar.runtime.transform.Unbox;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Glue's DynamicFrame on a Spark {@code Dataset<Row>}: the rows, their schema with choice types, and the error
 * records of every step that led here. Immutable; every operation returns a new frame.
 *
 * <p>A frame keeps the error records of its own step ({@link #stageErrorsCount()}) apart from those inherited from
 * earlier steps; {@link #errorsCount()} counts both. A step given thresholds counts its errors when it runs and
 * fails with {@link ErrorThresholdExceededException} if there are too many; without thresholds, errors are only
 * counted when asked for.
 */
public final class DynamicFrame {
    private final Dataset<Row> data;
    private final String name;
    private final List<ErrorBatch> priorErrors;
    private final List<ErrorBatch> stageErrors;
    private final TransformOptions options;

    private DynamicFrame(Dataset<Row> data, String name, List<ErrorBatch> priorErrors, List<ErrorBatch> stageErrors,
                         TransformOptions options) {
        this.data = Objects.requireNonNull(data, "data");
        this.name = name == null ? "" : name;
        this.priorErrors = List.copyOf(priorErrors);
        this.stageErrors = List.copyOf(stageErrors);
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Builds a frame and, when the step has thresholds, enforces them now. */
    static DynamicFrame create(Dataset<Row> data, String name, List<ErrorBatch> priorErrors,
                               List<ErrorBatch> stageErrors, TransformOptions options) {
        DynamicFrame frame = new DynamicFrame(data, name, priorErrors, stageErrors, options);
        if (options.hasThresholds()) {
            frame.assertErrorThreshold();
        }
        return frame;
    }

    // ---- factories ----

    public static DynamicFrame fromDF(Dataset<Row> df, String name) {
        return new DynamicFrame(df, name, List.of(), List.of(), TransformOptions.of(name));
    }

    /** JSON lines, each record typed on its own; see {@link JsonRecords}. Bad lines become error records. */
    public static DynamicFrame fromJsonLines(Dataset<String> lines, String name) {
        return fromJsonLines(lines, name, TransformOptions.of(name));
    }

    public static DynamicFrame fromJsonLines(Dataset<String> lines, String name, TransformOptions options) {
        return JsonRecords.read(lines, name, options);
    }

    /** All-string columns (as a CSV reader gives them) typed by content; see {@link TextColumns}. */
    public static DynamicFrame fromTextColumns(Dataset<Row> allStringColumns, String name) {
        return fromTextColumns(allStringColumns, name, TransformOptions.of(name));
    }

    public static DynamicFrame fromTextColumns(Dataset<Row> allStringColumns, String name, TransformOptions options) {
        return TextColumns.read(allStringColumns, name, options);
    }

    /**
     * Text files typed by content in two passes, as Spark's {@code inferSchema} reads them: {@code allStringColumns}
     * (the files read with every column a string) shows what each column holds, then {@code typedRead} reads the
     * files again with the schema it is given: those columns typed, a column that holds several kinds still text
     * (it becomes a choice here). Columns {@code typedRead} adds (partition values) stay as they are.
     */
    public static DynamicFrame fromTextFiles(Dataset<Row> allStringColumns,
                                             Function<StructType, Dataset<Row>> typedRead,
                                             String name) {
        return TextColumns.fromFiles(allStringColumns, typedRead, name, TransformOptions.of(name));
    }

    // ---- deriving frames: for transforms, sources and sinks ----

    /** A frame of new rows made from this one by a step that cannot fail per record; it inherits all errors. */
    public DynamicFrame derive(Dataset<Row> newData, TransformOptions stepOptions) {
        return create(newData, nameFor(stepOptions), allErrors(), List.of(), stepOptions);
    }

    /** A frame from tagged rows (see {@link ErrorRecords}): the good rows, and the bad ones as this step's errors. */
    public DynamicFrame deriveTagged(Dataset<Row> tagged, String defaultStage, TransformOptions stepOptions) {
        String stage = stepOptions.stageName(defaultStage);
        ErrorRecords.Split split = ErrorRecords.split(tagged, stage, stepOptions);
        return create(split.data(), nameFor(stepOptions), allErrors(), List.of(new ErrorBatch(split.errors())), stepOptions);
    }

    /** A frame made from several (a join, a union): it inherits the errors of all of them, each batch once. */
    public static DynamicFrame combine(List<DynamicFrame> parents, Dataset<Row> newData, String name,
                                       TransformOptions stepOptions) {
        Set<ErrorBatch> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ErrorBatch> inherited = new ArrayList<>();
        for (DynamicFrame parent : parents) {
            for (ErrorBatch batch : parent.allErrors()) {
                if (seen.add(batch)) {
                    inherited.add(batch);
                }
            }
        }
        return create(newData, name, inherited, List.of(), stepOptions);
    }

    /** The same frame under another name (collections name their frames). */
    public DynamicFrame withName(String newName) {
        return new DynamicFrame(data, newName, priorErrors, stageErrors, options);
    }

    private String nameFor(TransformOptions stepOptions) {
        return stepOptions.stageName(name);
    }

    private List<ErrorBatch> allErrors() {
        if (stageErrors.isEmpty()) {
            return priorErrors;
        }
        List<ErrorBatch> all = new ArrayList<>(priorErrors);
        all.addAll(stageErrors);
        return all;
    }

    // ---- the data ----

    public String name() {
        return name;
    }

    /** The options of the step that made this frame. */
    public TransformOptions options() {
        return options;
    }

    /** The rows as a DataFrame; choice columns stay structs with a member per type, as in Glue. */
    public Dataset<Row> toDF() {
        return data;
    }

    public DynamicSchema schema() {
        return DynamicSchema.of(data.schema());
    }

    public void printSchema() {
        System.out.print(schema().treeString());
    }

    public long count() {
        return data.count();
    }

    public void show() {
        show(20);
    }

    public void show(int rows) {
        data.show(rows, false);
    }

    /** Adds or replaces top-level columns (sources use it for partition columns). */
    public DynamicFrame withColumns(java.util.Map<String, Column> columns) {
        return derive(data.withColumns(columns), TransformOptions.NONE);
    }

    public DynamicFrame repartition(int partitions) {
        return derive(data.repartition(partitions), TransformOptions.NONE);
    }

    public DynamicFrame coalesce(int partitions) {
        return derive(data.coalesce(partitions), TransformOptions.NONE);
    }

    /** All records of both frames. Fields are matched by name; differing types widen or become choices. */
    public DynamicFrame union(DynamicFrame other) {
        return union(other, TransformOptions.NONE);
    }

    public DynamicFrame union(DynamicFrame other, TransformOptions stepOptions) {
        Struct left = schema().type();
        Struct right = other.schema().type();
        Struct merged = (Struct) TypeMerger.merge(left, right);
        Dataset<Row> unioned = conformTo(data, left, merged).union(conformTo(other.data, right, merged));
        return combine(List.of(this, other), unioned, nameFor(stepOptions), stepOptions);
    }

    private static Dataset<Row> conformTo(Dataset<Row> df, Struct from, Struct to) {
        List<Column> columns = new ArrayList<>();
        for (Field f : to.fields()) {
            Field old = from.field(f.name());
            Column value = old == null
                    ? org.apache.spark.sql.functions.lit(null).cast(f.type().toSpark())
                    : Columns.conform(Columns.top(f.name()), old.type(), f.type());
            columns.add(value.as(f.name(), Columns.metadataFor(f.type())));
        }
        return df.select(columns.toArray(Column[]::new));
    }

    // ---- error records ----

    /** Error records of every step that led to this frame. Runs the steps that produce them, once per step. */
    public long errorsCount() {
        return count(allErrors());
    }

    /** Error records of the step that made this frame. */
    public long stageErrorsCount() {
        return count(stageErrors);
    }

    private static long count(List<ErrorBatch> batches) {
        long total = 0;
        for (ErrorBatch batch : batches) {
            total += batch.count();
        }
        return total;
    }

    /** Every error record (stage, record as text, message) of the steps that led here. */
    public DynamicFrame errorsAsDynamicFrame() {
        Dataset<Row> all = null;
        for (ErrorBatch batch : allErrors()) {
            all = all == null ? batch.records() : all.union(batch.records());
        }
        if (all == null) {
            all = ErrorRecords.empty(data.sparkSession());
        }
        return fromDF(all, name + "_errors");
    }

    /** Fails if this frame's step exceeded its stage or total threshold (0 = unlimited). */
    public void assertErrorThreshold() {
        String stage = options.stageName(name);
        if (options.stageThreshold() > 0) {
            long errors = stageErrorsCount();
            if (errors > options.stageThreshold()) {
                throw new ErrorThresholdExceededException(String.format(
                        "Stage '%s' produced %d error records, more than its stageThreshold of %d%s",
                        stage, errors, options.stageThreshold(), firstError(stageErrors)),
                        stage, errors, options.stageThreshold());
            }
        }
        if (options.totalThreshold() > 0) {
            long errors = errorsCount();
            if (errors > options.totalThreshold()) {
                throw new ErrorThresholdExceededException(String.format(
                        "%d error records in total up to stage '%s', more than its totalThreshold of %d%s",
                        errors, stage, options.totalThreshold(), firstError(allErrors())),
                        stage, errors, options.totalThreshold());
            }
        }
    }

    private static String firstError(List<ErrorBatch> batches) {
        for (ErrorBatch batch : batches) {
            if (batch.count() > 0) {
                Row first = batch.records().first();
                return "; first error (stage '" + first.getString(0) + "'): " + first.getString(2);
            }
        }
        return "";
    }

    // ---- transforms (each also available as a class with a static apply) ----

    public DynamicFrame resolveChoice(List<ResolveChoice.Spec> specs, TransformOptions stepOptions) {
        return ResolveChoice.apply(this, specs, null, stepOptions);
    }

    /** One action ({@code cast:long}, {@code make_cols}, {@code make_struct}, {@code project:string}) for every choice. */
    public DynamicFrame resolveChoice(String choice, TransformOptions stepOptions) {
        return ResolveChoice.apply(this, null, choice, stepOptions);
    }

    public DynamicFrame applyMapping(List<ApplyMapping.Mapping> mappings, TransformOptions stepOptions) {
        return ApplyMapping.apply(this, mappings, stepOptions);
    }

    /** With {@code caseSensitive} false, source names also match fields that differ only in case. */
    public DynamicFrame applyMapping(List<ApplyMapping.Mapping> mappings, boolean caseSensitive,
                                     TransformOptions stepOptions) {
        return ApplyMapping.apply(this, mappings, caseSensitive, stepOptions);
    }

    public DynamicFrame selectFields(List<String> paths, TransformOptions stepOptions) {
        return SelectFields.apply(this, paths, stepOptions);
    }

    public DynamicFrame dropFields(List<String> paths, TransformOptions stepOptions) {
        return DropFields.apply(this, paths, stepOptions);
    }

    public DynamicFrame renameField(String oldPath, String newPath, TransformOptions stepOptions) {
        return RenameField.apply(this, oldPath, newPath, stepOptions);
    }

    public DynamicFrame filter(RowPredicate predicate, TransformOptions stepOptions) {
        return Filter.apply(this, predicate, stepOptions);
    }

    /** Applies a function to every row; its rows must have this frame's schema. */
    public DynamicFrame map(RowFunction function, TransformOptions stepOptions) {
        return Map.apply(this, function, stepOptions);
    }

    /** Applies a function to every row; its rows have the given schema. */
    public DynamicFrame map(RowFunction function, StructType outputSchema, TransformOptions stepOptions) {
        return Map.apply(this, function, outputSchema, stepOptions);
    }

    /** Applies a function to every record as a map of plain values; the result's schema is inferred. */
    public DynamicFrame mapRecords(RecordFunction function, TransformOptions stepOptions) {
        return Map.applyToRecords(this, function, stepOptions);
    }

    /** Equi-join with {@code other}: {@code keys1} of this frame equal to {@code keys2} of the other. */
    public DynamicFrame join(List<String> keys1, List<String> keys2, DynamicFrame other, TransformOptions stepOptions) {
        return Join.apply(this, other, keys1, keys2, stepOptions);
    }

    public DynamicFrameCollection relationalize(String rootName, TransformOptions stepOptions) {
        return Relationalize.apply(this, rootName, stepOptions);
    }

    public DynamicFrame dropNullFields(TransformOptions stepOptions) {
        return DropNullFields.apply(this, stepOptions);
    }

    public DynamicFrame unbox(String path, String format, TransformOptions stepOptions) {
        return Unbox.apply(this, path, format, stepOptions);
    }

    public DynamicFrameCollection splitFields(List<String> paths, String name1, String name2, TransformOptions stepOptions) {
        return SplitFields.apply(this, paths, name1, name2, stepOptions);
    }

    @Override
    public String toString() {
        return "DynamicFrame[" + name + "] " + schema().simpleString();
    }
}
