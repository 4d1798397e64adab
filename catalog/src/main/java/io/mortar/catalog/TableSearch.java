package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.catalog.StoredTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.PropertyPredicate;
import software.amazon.awssdk.services.glue.model.SearchTablesRequest;
import software.amazon.awssdk.services.glue.model.SearchTablesResponse;
import software.amazon.awssdk.services.glue.model.SortCriterion;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * SearchTables: a search over every database. {@code SearchText} matches, case-insensitively, a table's name, its
 * database, description, owner, column names and comments, and parameter keys and values. {@code Filters} compare
 * one property: {@code DatabaseName}, {@code Name}, {@code Description}, {@code Owner}, {@code TableType},
 * {@code CreateTime}/{@code UpdateTime} (epoch seconds, with the comparator) or, for any other key, the table
 * parameter of that name; string properties match whole or by one of their tokens (split on punctuation), as
 * Glue's fuzzy match does.
 */
public final class TableSearch {
    private static final String LISTING = "search";
    private static final int SCAN_BATCH = 500;

    private final CatalogStore store;
    private final TableService tables;

    public TableSearch(CatalogStore store, TableService tables) {
        this.store = requireNonNull(store, "store");
        this.tables = requireNonNull(tables, "tables");
    }

    public SearchTablesResponse searchTables(SearchTablesRequest request) {
        int limit = PageTokens.pageSize(request.maxResults(), 100, 1000);
        Predicate<Table> matches = textMatch(request.searchText());
        if (request.hasFilters()) {
            for (PropertyPredicate filter : request.filters()) {
                matches = matches.and(filterMatch(filter));
            }
        }
        List<Table> found = new ArrayList<>();
        String cursor = null;
        do {
            Page<StoredTable> page = store.listAllTables(cursor, SCAN_BATCH);
            for (StoredTable stored : page.items()) {
                Table table = tables.toTable(stored);
                if (matches.test(table)) {
                    found.add(table);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        found.sort(order(request.hasSortCriteria() ? request.sortCriteria() : List.of()));
        int offset = PageTokens.decodeOffset(LISTING, request.nextToken());
        int end = (int) Math.min(found.size(), (long) offset + limit);
        return SearchTablesResponse.builder()
                .tableList(offset >= found.size() ? List.of() : found.subList(offset, end))
                .nextToken(end < found.size() ? PageTokens.encode(LISTING, Integer.toString(end)) : null)
                .build();
    }

    private static Predicate<Table> textMatch(String searchText) {
        if (searchText == null || searchText.isBlank()) {
            return t -> true;
        }
        String needle = searchText.toLowerCase(Locale.ROOT);
        return table -> searchableText(table).stream()
                .anyMatch(text -> text != null && text.toLowerCase(Locale.ROOT).contains(needle));
    }

    private static List<String> searchableText(Table table) {
        List<String> texts = new ArrayList<>(List.of(table.name(), table.databaseName()));
        texts.add(table.description());
        texts.add(table.owner());
        List<Column> columns = new ArrayList<>(TableService.columnsOf(table));
        columns.addAll(table.partitionKeys());
        for (Column c : columns) {
            texts.add(c.name());
            texts.add(c.comment());
        }
        for (Map.Entry<String, String> p : table.parameters().entrySet()) {
            texts.add(p.getKey());
            texts.add(p.getValue());
        }
        return texts;
    }

    private static Predicate<Table> filterMatch(PropertyPredicate filter) {
        String key = filter.key();
        String value = filter.value();
        if (key == null || value == null) {
            throw GlueException.invalidInput("Filters: every filter needs a Key and a Value.");
        }
        String comparator = filter.comparatorAsString() == null ? "EQUALS" : filter.comparatorAsString();
        return switch (key) {
            case "CreateTime", "UpdateTime" -> {
                double bound = parseSeconds(key, value);
                yield table -> compareTime(key.equals("CreateTime") ? table.createTime() : table.updateTime(),
                        bound, comparator);
            }
            case "DatabaseName" -> table -> fuzzyEquals(table.databaseName(), value);
            case "Name", "TableName" -> table -> fuzzyEquals(table.name(), value);
            case "Description" -> table -> fuzzyEquals(table.description(), value);
            case "Owner" -> table -> fuzzyEquals(table.owner(), value);
            case "TableType" -> table -> fuzzyEquals(table.tableType(), value);
            default -> table -> fuzzyEquals(table.parameters().get(key), value);
        };
    }

    private static boolean fuzzyEquals(String property, String value) {
        if (property == null) {
            return false;
        }
        if (property.equalsIgnoreCase(value)) {
            return true;
        }
        for (String token : property.split("[^\\p{L}\\p{N}]+")) {
            if (token.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    private static double parseSeconds(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw GlueException.invalidInput("Filter on %s needs a Value in epoch seconds, not '%s'.", key, value);
        }
    }

    private static boolean compareTime(Instant time, double bound, String comparator) {
        if (time == null) {
            return false;
        }
        double seconds = time.toEpochMilli() / 1000.0;
        return switch (comparator) {
            case "GREATER_THAN" -> seconds > bound;
            case "LESS_THAN" -> seconds < bound;
            case "GREATER_THAN_EQUALS" -> seconds >= bound;
            case "LESS_THAN_EQUALS" -> seconds <= bound;
            default -> seconds == bound;
        };
    }

    private static Comparator<Table> order(List<SortCriterion> criteria) {
        Comparator<Table> byDefault = Comparator.comparing(Table::databaseName).thenComparing(Table::name);
        if (criteria.isEmpty()) {
            return byDefault;
        }
        SortCriterion criterion = criteria.get(0);
        Comparator<Table> primary = switch (String.valueOf(criterion.fieldName())) {
            case "Name", "TableName" -> Comparator.comparing(Table::name);
            case "DatabaseName" -> Comparator.comparing(Table::databaseName);
            case "CreateTime" -> Comparator.comparing(Table::createTime);
            case "UpdateTime" -> Comparator.comparing(Table::updateTime);
            default -> throw GlueException.invalidInput("SortCriteria.FieldName %s is not sortable; use Name,"
                    + " DatabaseName, CreateTime or UpdateTime.", criterion.fieldName());
        };
        if ("DESC".equals(criterion.sortAsString())) {
            primary = primary.reversed();
        }
        return primary.thenComparing(byDefault);
    }
}
