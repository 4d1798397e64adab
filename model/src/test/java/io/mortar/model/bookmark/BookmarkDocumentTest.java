package io.mortar.model.bookmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bookmark document's JSON: both kinds of state survive a round trip, and what cannot be read is refused. */
class BookmarkDocumentTest {
    private static final FilesBookmark ORDERS = new FilesBookmark("sales.orders", 60_000L, 7, Map.of(
            "s3://lake/orders/day=1/", new FileMark(1_765_000_000_000L, 1_764_999_100_000L,
                    Map.of("s3://lake/orders/day=1/a.csv", 1_764_999_990_000L,
                            "s3://lake/orders/day=1/b.csv", 1_765_000_000_000L)),
            "s3://lake/orders/day=2/", new FileMark(0L, 0L, Map.of())));

    @Test
    void aFilesStateRoundTrips() {
        BookmarkDocument doc = BookmarkDocument.EMPTY.with("orders", ORDERS);
        BookmarkDocument back = BookmarkDocument.parse(doc.toJson());
        assertThat(back).isEqualTo(doc);
        assertThat(back.contexts().get("orders")).isInstanceOf(FilesBookmark.class);
    }

    @Test
    void aJdbcStateRoundTripsItsKeyValues() {
        JdbcBookmark longKey = new JdbcBookmark("postgresql:public.customers", List.of("id"), false,
                List.of(9_007_199_254_740_993L));
        JdbcBookmark compound = new JdbcBookmark("mysql:shop.events", List.of("region", "seq", "gone"), true,
                Arrays.asList("eu-west", 12L, null));
        JdbcBookmark huge = new JdbcBookmark("postgresql:public.big", List.of("n"), false,
                List.of(new BigInteger("123456789012345678901234567890")));
        BookmarkDocument doc = BookmarkDocument.EMPTY.with("customers", longKey).with("events", compound)
                .with("big", huge);

        BookmarkDocument back = BookmarkDocument.parse(doc.toJson());
        assertThat(back).isEqualTo(doc);
        JdbcBookmark events = (JdbcBookmark) back.contexts().get("events");
        assertThat(events.descending()).isTrue();
        assertThat(events.sortOrder()).isEqualTo("desc");
        assertThat(events.last()).containsExactly("eu-west", 12L, null);
    }

    @Test
    void aDecimalKeyKeepsEveryDigit() {
        BigDecimal amount = new BigDecimal("12345678901234567890.123456789");
        JdbcBookmark decimal = new JdbcBookmark("postgresql:public.payments", List.of("amount", "price"), false,
                List.of(amount, new BigDecimal("0.1")));
        BookmarkDocument back = BookmarkDocument.parse(BookmarkDocument.EMPTY.with("payments", decimal).toJson());

        List<Object> last = ((JdbcBookmark) back.contexts().get("payments")).last();
        assertThat(last.get(0)).isInstanceOf(BigDecimal.class);
        assertThat((BigDecimal) last.get(0)).isEqualByComparingTo(amount);
        assertThat((BigDecimal) last.get(1)).isEqualByComparingTo("0.1");
    }

    @Test
    void theJsonHasTheDocumentedShape() {
        String json = BookmarkDocument.EMPTY.with("customers", new JdbcBookmark("postgresql:public.customers",
                List.of("id"), false, List.of(1234L))).toJson();
        assertThat(json).isEqualTo("{\"contexts\":{\"customers\":{\"kind\":\"jdbc\","
                + "\"target\":\"postgresql:public.customers\",\"sortOrder\":\"asc\",\"keys\":[\"id\"],"
                + "\"last\":[1234]}}}");
        String files = BookmarkDocument.EMPTY.with("o", new FilesBookmark("p", 900_000L, 1_000,
                Map.of("s3://b/p/", new FileMark(5L, 4L, Map.of("s3://b/p/f", 5L))))).toJson();
        assertThat(files).isEqualTo("{\"contexts\":{\"o\":{\"kind\":\"files\",\"target\":\"p\","
                + "\"maxBand\":900000,\"maxFilesInBand\":1000,"
                + "\"slices\":{\"s3://b/p/\":{\"mark\":5,\"floor\":4,\"window\":{\"s3://b/p/f\":5}}}}}}");
    }

    @Test
    void aMarkWithoutAFloorReadsAsOneWhoseFloorIsTheMarkAndAFloorAfterTheMarkIsRefused() {
        BookmarkDocument doc = BookmarkDocument.parse("{\"contexts\":{\"o\":{\"kind\":\"files\",\"target\":\"p\","
                + "\"slices\":{\"s3://b/p/\":{\"mark\":5,\"window\":{}}}}}}");
        assertThat(((FilesBookmark) doc.contexts().get("o")).slices().get("s3://b/p/").floor()).isEqualTo(5L);
        assertThatThrownBy(() -> new FileMark(5L, 6L, Map.of())).hasMessageContaining("floor 6 is after its mark 5");
    }

    @Test
    void theJsonDoesNotDependOnTheOrderStateWasAdded() {
        Map<String, SourceBookmark> one = new LinkedHashMap<>();
        one.put("b", ORDERS);
        one.put("a", ORDERS);
        Map<String, SourceBookmark> other = new LinkedHashMap<>();
        other.put("a", ORDERS);
        other.put("b", ORDERS);
        assertThat(new BookmarkDocument(one).toJson()).isEqualTo(new BookmarkDocument(other).toJson());
    }

    @Test
    void withReplacesOneContextAndKeepsTheOthers() {
        JdbcBookmark jdbc = new JdbcBookmark("postgresql:t", List.of("id"), false, List.of(1L));
        BookmarkDocument doc = BookmarkDocument.EMPTY.with("orders", ORDERS).with("customers", jdbc);
        FilesBookmark later = new FilesBookmark("sales.orders", 60_000L, 7, Map.of());
        BookmarkDocument next = doc.with("orders", later);
        assertThat(next.contexts()).containsOnlyKeys("orders", "customers");
        assertThat(next.contexts().get("orders")).isEqualTo(later);
        assertThat(next.contexts().get("customers")).isEqualTo(jdbc);
        assertThat(doc.contexts().get("orders")).isEqualTo(ORDERS); // documents are values
    }

    @Test
    void nothingStoredIsTheEmptyDocument() {
        assertThat(BookmarkDocument.parse(null)).isEqualTo(BookmarkDocument.EMPTY);
        assertThat(BookmarkDocument.parse("  ")).isEqualTo(BookmarkDocument.EMPTY);
        assertThat(BookmarkDocument.parse("{}")).isEqualTo(BookmarkDocument.EMPTY);
        assertThat(BookmarkDocument.parse(BookmarkDocument.EMPTY.toJson())).isEqualTo(BookmarkDocument.EMPTY);
    }

    @Test
    void aFilesStateWithoutBandOptionsTakesGluesDefaults() {
        FilesBookmark files = (FilesBookmark) BookmarkDocument.parse(
                "{\"contexts\":{\"o\":{\"kind\":\"files\",\"target\":\"t\",\"slices\":{}}}}").contexts().get("o");
        assertThat(files.maxBand()).isEqualTo(FilesBookmark.DEFAULT_MAX_BAND).isEqualTo(900_000L);
        assertThat(files.maxFilesInBand()).isEqualTo(FilesBookmark.DEFAULT_MAX_FILES_IN_BAND).isEqualTo(1_000);
    }

    @Test
    void anUnknownKindIsRefusedNamingTheContext() {
        assertThatThrownBy(() -> BookmarkDocument.parse(
                "{\"contexts\":{\"orders\":{\"kind\":\"kafka\",\"target\":\"t\"}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'orders'").hasMessageContaining("'kafka'");
        assertThatThrownBy(() -> BookmarkDocument.parse("{\"contexts\":{\"nokind\":{\"target\":\"t\"}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nokind'");
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertThatThrownBy(() -> BookmarkDocument.parse("{\"contexts\": {"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }

    @Test
    void sortOrderIsReadLikeGlue() {
        assertThat(JdbcBookmark.isDescending(null)).isFalse();
        assertThat(JdbcBookmark.isDescending("")).isFalse();
        assertThat(JdbcBookmark.isDescending("asc")).isFalse();
        assertThat(JdbcBookmark.isDescending("ASC")).isFalse();
        assertThat(JdbcBookmark.isDescending("desc")).isTrue();
        assertThat(JdbcBookmark.isDescending(" Desc ")).isTrue();
        assertThatThrownBy(() -> JdbcBookmark.isDescending("descending"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jobBookmarkKeysSortOrder").hasMessageContaining("'descending'");
    }

    @Test
    void aStoredSortOrderThatIsNotAscOrDescIsRefused() {
        assertThatThrownBy(() -> BookmarkDocument.parse("{\"contexts\":{\"c\":{\"kind\":\"jdbc\",\"target\":\"t\","
                + "\"keys\":[\"id\"],\"sortOrder\":\"sideways\",\"last\":[1]}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobBookmarkKeysSortOrder");
    }

    @Test
    void aJdbcStateNeedsKeysAndOneValuePerKey() {
        assertThatThrownBy(() -> new JdbcBookmark("t", List.of(), false, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one key");
        assertThatThrownBy(() -> new JdbcBookmark("t", List.of("a", "b"), false, List.of(1L)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one last value per key");
        assertThatThrownBy(() -> BookmarkDocument.parse("{\"contexts\":{\"c\":{\"kind\":\"jdbc\",\"target\":\"t\","
                + "\"keys\":[\"id\"],\"last\":[]}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one last value per key");
    }
}
