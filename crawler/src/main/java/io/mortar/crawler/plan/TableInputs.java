package io.mortar.crawler.plan;

import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/** A table's definition as an input again (UpdateTable takes a whole TableInput). */
final class TableInputs {
    private TableInputs() {}

    static TableInput of(Table t) {
        return TableInput.builder().name(t.name()).description(t.description()).owner(t.owner())
                .lastAccessTime(t.lastAccessTime()).lastAnalyzedTime(t.lastAnalyzedTime()).retention(t.retention())
                .storageDescriptor(t.storageDescriptor()).partitionKeys(t.partitionKeys())
                .viewOriginalText(t.viewOriginalText()).viewExpandedText(t.viewExpandedText())
                .tableType(t.tableType()).parameters(t.parameters()).targetTable(t.targetTable()).build();
    }
}
