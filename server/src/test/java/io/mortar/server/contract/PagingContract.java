package io.mortar.server.contract;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.server.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.GetDatabasesResponse;
import software.amazon.awssdk.services.glue.model.GetPartitionsRequest;
import software.amazon.awssdk.services.glue.model.GetPartitionsResponse;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Table;

/**
 * NextToken paging while the listing changes underneath: what existed when paging began comes back exactly once,
 * nothing comes back twice, and (for name-ordered listings) new names behind the cursor are skipped while new names
 * ahead of it are returned.
 */
abstract class PagingContract extends ContractGroup {
    PagingContract(TestServer server, GlueClient glue) {
        super(server, glue);
    }

    @Test
    void getPartitionsReturnsEveryExistingPartitionOnceWhilePartitionsAreInsertedBetweenPages() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"), column("tag", "string"));
        List<List<String>> existing = numbered(0, 200, "old");
        addPartitions(db, table, existing);
        AtomicInteger next = new AtomicInteger(1000);

        List<List<String>> seen = pageThroughPartitions(GetPartitionsRequest.builder().databaseName(db)
                .tableName(table).maxResults(7).build(), () -> {
            int from = next.getAndAdd(3);
            addPartitions(db, table, numbered(from, from + 3, "new"));
        });

        assertThat(seen).doesNotHaveDuplicates().containsAll(existing);
        assertThat(seen.stream().filter(v -> v.get(1).equals("new")).count())
                .as("partitions added while paging come after the cursor, so each shows up")
                .isEqualTo(next.get() - 1000);
    }

    @Test
    void aFilteredListingStaysCorrectWhileAnotherClientInsertsConcurrently() throws Exception {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"), column("tag", "string"));
        List<List<String>> existing = numbered(0, 300, "old");
        addPartitions(db, table, existing);
        AtomicBoolean paging = new AtomicBoolean(true);
        AtomicInteger inserted = new AtomicInteger();
        Thread writer = new Thread(() -> {
            GlueClient other = server.client();
            int n = 10_000;
            while (paging.get()) {
                List<String> values = values(Integer.toString(n++), "new");
                other.createPartition(r -> r.databaseName(db).tableName(table).partitionInput(partition(values
                        .toArray(String[]::new))));
                inserted.incrementAndGet();
            }
            other.close();
        });
        writer.start();
        List<List<String>> seen;
        try {
            seen = pageThroughPartitions(GetPartitionsRequest.builder().databaseName(db).tableName(table)
                    .expression("n >= 100 AND tag = 'old'").maxResults(9).build(), () -> { });
        } finally {
            paging.set(false);
            writer.join(30_000);
        }

        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(existing.subList(100, 300));
        assertThat(inserted.get()).as("the writer ran while the listing was paged").isPositive();
    }

    @Test
    void getTablesSkipsNamesInsertedBehindTheCursorAndReturnsNamesInsertedAheadOfIt() {
        String db = newDatabase();
        for (String name : List.of("m10", "m20", "m30", "m40", "m50", "m60", "m70")) {
            glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name)));
        }

        GetTablesResponse first = glue.getTables(r -> r.databaseName(db).maxResults(3));
        assertThat(first.tableList()).extracting(Table::name).containsExactly("m10", "m20", "m30");
        for (String name : List.of("m05", "m25", "m35", "m99")) {
            glue.createTable(r -> r.databaseName(db).tableInput(tableInput(name)));
        }
        glue.deleteTable(r -> r.databaseName(db).name("m50"));
        List<String> rest = new ArrayList<>();
        String token = first.nextToken();
        while (token != null) {
            String current = token;
            GetTablesResponse page = glue.getTables(r -> r.databaseName(db).maxResults(3).nextToken(current));
            page.tableList().forEach(t -> rest.add(t.name()));
            token = page.nextToken();
        }

        assertThat(rest).containsExactly("m35", "m40", "m60", "m70", "m99");
    }

    @Test
    void getDatabasesSkipsNamesInsertedBehindTheCursorAndReturnsNamesInsertedAheadOfIt() {
        // A prefix of its own keeps other tests' databases from sorting between these.
        String prefix = unique("paging");
        List<String> existing = IntStream.rangeClosed(1, 7).mapToObj(i -> prefix + "_" + i + "0").toList();
        existing.forEach(name -> glue.createDatabase(r -> r.databaseInput(d -> d.name(name))));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        String token = null;
        do {
            String current = token;
            GetDatabasesResponse page = glue.getDatabases(r -> r.maxResults(2).nextToken(current));
            page.databaseList().stream().map(Database::name).forEach(seen::add);
            token = page.nextToken();
            String last = seen.isEmpty() ? "" : seen.get(seen.size() - 1);
            if (cursor == null && existing.subList(0, existing.size() - 1).contains(last)) {
                // The cursor now rests on one of ours: add one name on either side of it, and one at each end.
                cursor = last;
                int at = Integer.parseInt(last.substring(prefix.length() + 1));
                for (int suffix : new int[] {0, at - 5, at + 5, 99}) {
                    String name = String.format("%s_%02d", prefix, suffix);
                    glue.createDatabase(r -> r.databaseInput(d -> d.name(name)));
                }
            }
        } while (token != null);

        assertThat(cursor).as("a page ended on one of this test's databases").isNotNull();
        List<String> expected = new ArrayList<>(existing);
        expected.add(cursor.substring(0, cursor.length() - 1) + "5");
        expected.add(prefix + "_99");
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(name -> name.startsWith(prefix)).toList())
                .containsExactlyElementsOf(expected.stream().sorted().toList());
    }

    @Test
    void aForgedNextTokenIsInvalidInput() {
        String db = newDatabase();
        String table = newTable(db, column("n", "int"));
        // Tokens are opaque but easy to forge: whatever a forged one holds, the answer is a client error.
        expectError(InvalidInputException.class, () -> glue.getDatabases(r -> r
                .nextToken(token("databases:a\u0000b"))));
        expectError(InvalidInputException.class, () -> glue.getTables(r -> r.databaseName(db)
                .nextToken(token("tables:a\u0000b"))));
        expectError(InvalidInputException.class, () -> glue.getPartitions(r -> r.databaseName(db).tableName(table)
                .nextToken(token("partitions:one"))));
        expectError(InvalidInputException.class, () -> glue.getTableVersions(r -> r.databaseName(db).tableName(table)
                .nextToken(token("versions:"))));
        for (String cursor : new String[] {"search:-5", "search:4294967296", "search:99999999999999999999"}) {
            expectError(InvalidInputException.class, () -> glue.searchTables(r -> r.nextToken(token(cursor))));
        }
    }

    static String token(String cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.getBytes(StandardCharsets.UTF_8));
    }

    /** Pages through the request, running {@code betweenPages} after each page but the last. */
    List<List<String>> pageThroughPartitions(GetPartitionsRequest request, Runnable betweenPages) {
        List<List<String>> seen = new ArrayList<>();
        String token = null;
        do {
            GetPartitionsResponse page = glue.getPartitions(request.toBuilder().nextToken(token).build());
            assertThat(page.partitions()).hasSizeLessThanOrEqualTo(request.maxResults());
            seen.addAll(valuesOf(page.partitions()));
            token = page.nextToken();
            if (token != null) {
                betweenPages.run();
            }
        } while (token != null);
        return seen;
    }

    static List<List<String>> numbered(int from, int to, String tag) {
        return IntStream.range(from, to).mapToObj(n -> values(Integer.toString(n), tag)).toList();
    }
}
