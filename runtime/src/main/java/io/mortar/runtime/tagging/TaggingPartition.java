package io.mortar.runtime.tagging;

import io.mortar.tagging.Tagger;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.JoinedRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Tags one partition of Spark's internal rows: each row's tagged columns are decoded straight from its UTF-8
 * bytes into the thread's {@link Tagger.Matching}, matched, and the row goes on joined with its tag arrays. The
 * matcher, the decoding buffers, the arrays and the joined row are all reused, so a row costs no allocation. Spark
 * turns each returned row into its output row before asking for the next, which is what makes the reuse safe.
 */
final class TaggingPartition implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<RuleSet> rules;
    private final int[] ordinals;      // the input ordinal of each of the matcher's columns
    private final boolean perColumn;
    private final LongAccumulator guardTrips;

    TaggingPartition(Broadcast<RuleSet> rules, int[] ordinals, boolean perColumn, LongAccumulator guardTrips) {
        this.rules = rules;
        this.ordinals = ordinals;
        this.perColumn = perColumn;
        this.guardTrips = guardTrips;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
        RowTagger tagger = new RowTagger(rows, CompiledRules.of(rules.value()));
        TaskContext task = TaskContext.get();
        if (task != null) { // also when a downstream limit stops reading early
            task.addTaskCompletionListener((TaskCompletionListener) context -> tagger.flushGuardTrips());
        }
        return tagger;
    }

    private final class RowTagger implements Iterator<InternalRow> {
        private final Iterator<InternalRow> rows;
        private final CompiledRules.Slot slot;
        private final TagArrayWriter[] writers;
        private final GenericInternalRow tagRow;
        private final JoinedRow joined = new JoinedRow();
        private final int columns = ordinals.length;
        private long trips;

        RowTagger(Iterator<InternalRow> rows, CompiledRules compiled) {
            this.rows = rows;
            this.slot = compiled.slot();
            int outputs = perColumn ? columns : 1;
            this.writers = new TagArrayWriter[outputs];
            for (int k = 0; k < outputs; k++) {
                writers[k] = new TagArrayWriter(compiled.tagBytes);
            }
            this.tagRow = new GenericInternalRow(outputs);
        }

        @Override
        public boolean hasNext() {
            boolean more = rows.hasNext();
            if (!more) {
                flushGuardTrips();
            }
            return more;
        }

        @Override
        public InternalRow next() {
            if (!rows.hasNext()) {
                throw new NoSuchElementException();
            }
            InternalRow row = rows.next();
            Tagger.Matching matching = slot.matching();
            for (int c = 0; c < columns; c++) {
                load(matching, c, row, ordinals[c]);
            }
            long tripsBefore = matching.guardTrips();
            if (perColumn) {
                for (int c = 0; c < columns; c++) {
                    tagRow.update(c, writers[c].write(matching, matching.matchColumn(c)));
                }
            } else {
                tagRow.update(0, writers[0].write(matching, matching.matchRow()));
            }
            trips += matching.guardTrips() - tripsBefore;
            return joined.apply(row, tagRow);
        }

        /** Column {@code ordinal} of {@code row} as the matcher's column {@code c}: its chars, or none for null. */
        private void load(Tagger.Matching matching, int c, InternalRow row, int ordinal) {
            if (row.isNullAt(ordinal)) {
                matching.setLength(c, -1);
                return;
            }
            Object base;
            long offset;
            int numBytes;
            if (row instanceof UnsafeRow unsafe) {
                long offsetAndSize = unsafe.getLong(ordinal);
                base = unsafe.getBaseObject();
                offset = unsafe.getBaseOffset() + (offsetAndSize >>> 32);
                numBytes = (int) offsetAndSize;
            } else {
                UTF8String s = row.getUTF8String(ordinal);
                base = s.getBaseObject();
                offset = s.getBaseOffset();
                numBytes = s.numBytes();
            }
            char[] buffer = matching.buffer(c, numBytes);
            matching.setLength(c, Utf8Text.decode(base, offset, numBytes, buffer));
        }

        void flushGuardTrips() {
            if (trips != 0) {
                guardTrips.add(trips);
                trips = 0;
            }
        }
    }
}
