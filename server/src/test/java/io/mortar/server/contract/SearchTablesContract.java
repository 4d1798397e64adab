package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Comparator;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.PropertyPredicate;
import software.amazon.awssdk.services.glue.model.SearchTablesRequest;
import software.amazon.awssdk.services.glue.model.SearchTablesResponse;
import software.amazon.awssdk.services.glue.model.Sort;
import software.amazon.awssdk.services.glue.model.SortCriterion;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

/**
 * SearchTables across databases. Other groups create tables on the same server, so each test searches for a
 * word of its own.
 */
abstract class SearchTablesContract extends ContractGroup {
    SearchTablesContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void searchTextMatchesNamesDescriptionsColumnsAndParameters() {
        String word = uniqueWord();
        String db1 = newDatabase();
        String db2 = newDatabase();
        create(db1, tableInput(word + "_orders"));
        create(db1, tableInput("by_description").toBuilder().description("Orders of " + word.toUpperCase()).build());
        create(db2, tableInput("by_column").toBuilder().storageDescriptor(storage("s3://x/").toBuilder()
                .columns(Column.builder().name(word + "_id").type("bigint").build()).build()).build());
        create(db2, tableInput("by_parameter").toBuilder().parameters(Map.of("source", "feed-" + word)).build());
        create(db2, tableInput("unrelated"));

        List<Table> found = search(SearchTablesRequest.builder().searchText(word).build());

        assertThat(found).extracting(t -> t.databaseName() + "." + t.name()).containsExactlyInAnyOrder(
                db1 + "." + word + "_orders", db1 + ".by_description", db2 + ".by_column", db2 + ".by_parameter");
    }

    @Test
    void filtersNarrowTheSearchByProperty() {
        String word = uniqueWord();
        String db1 = newDatabase();
        String db2 = newDatabase();
        create(db1, tableInput(word + "_a").toBuilder().tableType("VIRTUAL_VIEW").build());
        create(db1, tableInput(word + "_b").toBuilder().parameters(Map.of("classification", "csv")).build());
        create(db2, tableInput(word + "_c"));

        assertThat(names(SearchTablesRequest.builder().searchText(word).filters(filter("DatabaseName", db1)).build()))
                .containsExactlyInAnyOrder(word + "_a", word + "_b");
        assertThat(names(SearchTablesRequest.builder().searchText(word).filters(filter("TableType", "VIRTUAL_VIEW"))
                .build())).containsExactly(word + "_a");
        assertThat(names(SearchTablesRequest.builder().searchText(word).filters(filter("classification", "csv"))
                .build())).containsExactly(word + "_b");
        assertThat(names(SearchTablesRequest.builder().searchText(word)
                .filters(filter("DatabaseName", db1), filter("classification", "parquet")).build()))
                .containsExactly(word + "_a");
    }

    @Test
    void createTimeFiltersCompareEpochSeconds() {
        String word = uniqueWord();
        String db = newDatabase();
        create(db, tableInput(word + "_t"));
        double created = glue.getTable(r -> r.databaseName(db).name(word + "_t")).table().createTime()
                .toEpochMilli() / 1000.0;

        assertThat(names(SearchTablesRequest.builder().searchText(word).filters(PropertyPredicate.builder()
                .key("CreateTime").value(Double.toString(created - 60)).comparator(Comparator.GREATER_THAN).build())
                .build())).containsExactly(word + "_t");
        assertThat(names(SearchTablesRequest.builder().searchText(word).filters(PropertyPredicate.builder()
                .key("CreateTime").value(Double.toString(created - 60)).comparator(Comparator.LESS_THAN).build())
                .build())).isEmpty();
    }

    @Test
    void sortCriteriaOrderTheResults() {
        String word = uniqueWord();
        String db = newDatabase();
        for (String suffix : List.of("b", "c", "a")) {
            create(db, tableInput(word + "_" + suffix));
        }

        assertThat(names(SearchTablesRequest.builder().searchText(word).sortCriteria(SortCriterion.builder()
                .fieldName("Name").sort(Sort.DESC).build()).build()))
                .containsExactly(word + "_c", word + "_b", word + "_a");
        assertThat(names(SearchTablesRequest.builder().searchText(word).sortCriteria(SortCriterion.builder()
                .fieldName("Name").sort(Sort.ASC).build()).build()))
                .containsExactly(word + "_a", word + "_b", word + "_c");
    }

    @Test
    void anUnsortableFieldIsRejected() {
        InvalidInputException error = expectError(InvalidInputException.class,
                () -> glue.searchTables(r -> r.sortCriteria(SortCriterion.builder().fieldName("Owner")
                        .sort(Sort.ASC).build())));

        assertThat(message(error)).contains("SortCriteria", "Owner");
    }

    @Test
    void searchResultsPageWithoutLosingOrRepeatingTables() {
        String word = uniqueWord();
        List<String> expected = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            String db = newDatabase();
            for (int t = 0; t < 4; t++) {
                String name = word + "_" + t;
                create(db, tableInput(name));
                expected.add(db + "." + name);
            }
        }

        List<String> paged = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            SearchTablesResponse page = glue.searchTables(r -> r.searchText(word).maxResults(3).nextToken(current));
            assertThat(page.tableList()).hasSizeLessThanOrEqualTo(3);
            page.tableList().forEach(t -> paged.add(t.databaseName() + "." + t.name()));
            token = page.nextToken();
            pages++;
        } while (token != null);

        assertThat(paged).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    /** Letters and digits only, so that it is one token wherever it appears. */
    static String uniqueWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static PropertyPredicate filter(String key, String value) {
        return PropertyPredicate.builder().key(key).value(value).comparator(Comparator.EQUALS).build();
    }

    void create(String db, TableInput input) {
        glue.createTable(r -> r.databaseName(db).tableInput(input));
    }

    List<String> names(SearchTablesRequest request) {
        return search(request).stream().map(Table::name).toList();
    }

    List<Table> search(SearchTablesRequest request) {
        List<Table> all = new ArrayList<>();
        String token = null;
        do {
            SearchTablesResponse page = glue.searchTables(request.toBuilder().nextToken(token).build());
            all.addAll(page.tableList());
            token = page.nextToken();
        } while (token != null);
        return all;
    }
}
