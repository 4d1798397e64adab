package io.mortar.server.classifiers;

import static io.mortar.server.testing.ContractSupport.expectError;
import static io.mortar.server.testing.ContractSupport.message;
import static io.mortar.server.testing.ContractSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mortar.crawler.custom.CustomClassifiers;
import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.server.protocol.GlueOperations;
import io.mortar.server.testing.TestServer;
import io.mortar.store.jdbc.JdbcStores;
import io.mortar.store.jdbc.testing.StoreBackend;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CreateClassifierRequest;
import software.amazon.awssdk.services.glue.model.CsvClassifier;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetClassifiersResponse;
import software.amazon.awssdk.services.glue.model.GrokClassifier;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.JsonClassifier;
import software.amazon.awssdk.services.glue.model.UpdateClassifierRequest;
import software.amazon.awssdk.services.glue.model.XMLClassifier;

/**
 * The custom-classifier API through the AWS SDK's {@code GlueClient}, on each store: each kind's members, times and
 * version round-tripping, partial updates, the kind fixed at creation, Glue's errors, validation with messages
 * naming the field, paging, and the definitions as the crawler reads them ({@link ClassifierLookup#byNames}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClassifierApiContract {
    private static final String LOG_PATTERN = "%{TIMESTAMP_ISO8601:ts} %{LOGLEVEL:level} %{APPNAME:app} %{GREEDYDATA:msg}";
    private static final String APP_PATTERNS = "APPNAME [a-z][a-z0-9-]*\n# comment\nAPPID %{APPNAME}-%{INT}";

    private TestServer server;
    GlueClient glue;

    abstract StoreBackend backend();

    @BeforeAll
    void startServer() {
        server = TestServer.start(backend());
        glue = server.client();
    }

    @AfterAll
    void stopServer() {
        if (glue != null) {
            glue.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Classifier get(String name) {
        return glue.getClassifier(r -> r.name(name)).classifier();
    }

    void createGrok(String name) {
        glue.createClassifier(r -> r.grokClassifier(g -> g.name(name).classification("applog").grokPattern(LOG_PATTERN)
                .customPatterns(APP_PATTERNS)));
    }

    void createJson(String name) {
        glue.createClassifier(r -> r.jsonClassifier(j -> j.name(name).jsonPath("$.records[*]")));
    }

    void createCsv(String name) {
        glue.createClassifier(r -> r.csvClassifier(c -> c.name(name).delimiter("|").quoteSymbol("'")
                .containsHeader("PRESENT").header("id", "name", "amount").disableValueTrimming(true)
                .allowSingleColumn(false).customDatatypeConfigured(true).customDatatypes("INT", "STRING", "DECIMAL")
                .serde("OpenCSVSerDe")));
    }

    private static void assertNew(Instant created, Instant updated, Long version) {
        assertThat(version).isEqualTo(1L);
        assertThat(created).isNotNull().isEqualTo(updated);
    }

    @Test
    void eachKindRoundTripsEveryMemberWithTimesAndVersion() {
        String grokName = unique("Grok-Mixed.Case");
        createGrok(grokName);
        Classifier grok = get(grokName);
        assertThat(grok.xmlClassifier()).isNull();
        assertThat(grok.jsonClassifier()).isNull();
        assertThat(grok.csvClassifier()).isNull();
        GrokClassifier g = grok.grokClassifier();
        assertThat(g.name()).as("names keep their case").isEqualTo(grokName);
        assertThat(g.classification()).isEqualTo("applog");
        assertThat(g.grokPattern()).isEqualTo(LOG_PATTERN);
        assertThat(g.customPatterns()).isEqualTo(APP_PATTERNS);
        assertNew(g.creationTime(), g.lastUpdated(), g.version());

        String xmlName = unique("XmlRows");
        glue.createClassifier(r -> r.xmlClassifier(x -> x.name(xmlName).classification("orders").rowTag("order")));
        Classifier xml = get(xmlName);
        assertThat(xml.grokClassifier()).isNull();
        XMLClassifier x = xml.xmlClassifier();
        assertThat(x.name()).isEqualTo(xmlName);
        assertThat(x.classification()).isEqualTo("orders");
        assertThat(x.rowTag()).isEqualTo("order");
        assertNew(x.creationTime(), x.lastUpdated(), x.version());

        String jsonName = unique("JsonRecords");
        createJson(jsonName);
        Classifier json = get(jsonName);
        JsonClassifier j = json.jsonClassifier();
        assertThat(j.name()).isEqualTo(jsonName);
        assertThat(j.jsonPath()).isEqualTo("$.records[*]");
        assertNew(j.creationTime(), j.lastUpdated(), j.version());

        String csvName = unique("CsvPipes");
        createCsv(csvName);
        Classifier csv = get(csvName);
        CsvClassifier c = csv.csvClassifier();
        assertThat(c.name()).isEqualTo(csvName);
        assertThat(c.delimiter()).isEqualTo("|");
        assertThat(c.quoteSymbol()).isEqualTo("'");
        assertThat(c.containsHeaderAsString()).isEqualTo("PRESENT");
        assertThat(c.header()).containsExactly("id", "name", "amount");
        assertThat(c.disableValueTrimming()).isTrue();
        assertThat(c.allowSingleColumn()).isFalse();
        assertThat(c.customDatatypeConfigured()).isTrue();
        assertThat(c.customDatatypes()).containsExactly("INT", "STRING", "DECIMAL");
        assertThat(c.serdeAsString()).isEqualTo("OpenCSVSerDe");
        assertNew(c.creationTime(), c.lastUpdated(), c.version());

        String minimal = unique("CsvDefaults");
        glue.createClassifier(r -> r.csvClassifier(k -> k.name(minimal)));
        CsvClassifier bare = get(minimal).csvClassifier();
        assertThat(bare.delimiter()).as("nothing is invented").isNull();
        assertThat(bare.hasHeader()).isFalse();
        assertThat(bare.version()).isEqualTo(1L);

        String longest = "c".repeat(255);
        createJson(longest);
        assertThat(get(longest).jsonClassifier().name()).isEqualTo(longest);
        assertThat(message(expectError(InvalidInputException.class, () -> createJson("c".repeat(256)))))
                .contains("failed to satisfy constraint: Member must have length less than or equal to 255");
        glue.deleteClassifier(r -> r.name(longest));
    }

    @Test
    void anUpdateChangesOnlyWhatItGivesRaisesTheVersionAndMovesLastUpdated() throws InterruptedException {
        String name = unique("PartialCsv");
        createCsv(name);
        CsvClassifier before = get(name).csvClassifier();
        Thread.sleep(20);

        glue.updateClassifier(r -> r.csvClassifier(c -> c.name(name).delimiter(";")));
        CsvClassifier after = get(name).csvClassifier();
        assertThat(after.delimiter()).isEqualTo(";");
        assertThat(after.version()).isEqualTo(2L);
        assertThat(after.creationTime()).isEqualTo(before.creationTime());
        assertThat(after.lastUpdated()).isAfter(before.lastUpdated());
        assertThat(after.toBuilder().delimiter("|").version(1L).lastUpdated(before.lastUpdated()).build())
                .as("every other member is as it was").isEqualTo(before);

        glue.updateClassifier(r -> r.csvClassifier(c -> c.name(name).header("key", "value").customDatatypes("LONG")
                .serde("None")));
        CsvClassifier third = get(name).csvClassifier();
        assertThat(third.header()).containsExactly("key", "value");
        assertThat(third.customDatatypes()).containsExactly("LONG");
        assertThat(third.serdeAsString()).isEqualTo("None");
        assertThat(third.delimiter()).isEqualTo(";");
        assertThat(third.quoteSymbol()).isEqualTo("'");
        assertThat(third.version()).isEqualTo(3L);

        String grok = unique("PartialGrok");
        createGrok(grok);
        glue.updateClassifier(r -> r.grokClassifier(g -> g.name(grok).classification("applog2")));
        GrokClassifier g = get(grok).grokClassifier();
        assertThat(g.classification()).isEqualTo("applog2");
        assertThat(g.grokPattern()).isEqualTo(LOG_PATTERN);
        assertThat(g.customPatterns()).isEqualTo(APP_PATTERNS);
        assertThat(g.version()).isEqualTo(2L);

        String xml = unique("PartialXml");
        glue.createClassifier(r -> r.xmlClassifier(x -> x.name(xml).classification("orders").rowTag("order")));
        glue.updateClassifier(r -> r.xmlClassifier(x -> x.name(xml).rowTag("line")));
        assertThat(get(xml).xmlClassifier().classification()).isEqualTo("orders");
        assertThat(get(xml).xmlClassifier().rowTag()).isEqualTo("line");

        String json = unique("PartialJson");
        createJson(json);
        glue.updateClassifier(r -> r.jsonClassifier(j -> j.name(json).jsonPath("$[*]")));
        assertThat(get(json).jsonClassifier().jsonPath()).isEqualTo("$[*]");
        assertThat(get(json).jsonClassifier().version()).isEqualTo(2L);

        // The merged definition is checked whole: a change that leaves quote = delimiter is refused, nothing written.
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.updateClassifier(r -> r.csvClassifier(c -> c.name(name).quoteSymbol(";"))))))
                .contains("CsvClassifier.QuoteSymbol").contains("CsvClassifier.Delimiter");
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.updateClassifier(r -> r.grokClassifier(k -> k.name(grok).grokPattern("%{NOPE:x}"))))))
                .contains("GrokClassifier.GrokPattern");
        assertThat(get(name).csvClassifier().version()).as("a refused update writes nothing").isEqualTo(3L);
        assertThat(get(grok).grokClassifier().grokPattern()).isEqualTo(LOG_PATTERN);
    }

    @Test
    void anUpdateCannotChangeTheKind() {
        String name = unique("JsonKind");
        createJson(name);
        String refusal = message(expectError(InvalidInputException.class, () -> glue.updateClassifier(r -> r
                .grokClassifier(g -> g.name(name).classification("x").grokPattern("%{GREEDYDATA:line}")))));
        assertThat(refusal).contains(name).contains("JsonClassifier").contains("GrokClassifier");
        assertThat(get(name).jsonClassifier().version()).isEqualTo(1L);
        assertThat(get(name).grokClassifier()).isNull();
    }

    @Test
    void duplicatesAndUnknownNamesAreGluesErrors() {
        String name = unique("Taken");
        createJson(name);
        assertThat(message(expectError(AlreadyExistsException.class, () -> createCsv(name))))
                .isEqualTo("Classifier with name " + name + " already exists");
        assertThat(get(name).jsonClassifier()).as("the first definition stays").isNotNull();

        String missing = unique("Missing");
        assertThat(message(expectError(EntityNotFoundException.class, () -> get(missing)))).contains(missing);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.updateClassifier(r -> r.jsonClassifier(j -> j.name(missing).jsonPath("$[*]"))))))
                .contains(missing);
        assertThat(message(expectError(EntityNotFoundException.class,
                () -> glue.deleteClassifier(r -> r.name(missing))))).contains(missing);

        glue.deleteClassifier(r -> r.name(name));
        expectError(EntityNotFoundException.class, () -> get(name));
        expectError(EntityNotFoundException.class, () -> glue.deleteClassifier(r -> r.name(name)));
        createCsv(name); // the name is free again, for any kind
        assertThat(get(name).csvClassifier().version()).isEqualTo(1L);
    }

    @Test
    void aRequestGivesExactlyOneKind() {
        String none = message(expectError(InvalidInputException.class,
                () -> glue.createClassifier(CreateClassifierRequest.builder().build())));
        assertThat(none).contains("GrokClassifier").contains("XMLClassifier").contains("JsonClassifier")
                .contains("CsvClassifier").contains("none");

        String name = unique("Two");
        String two = message(expectError(InvalidInputException.class, () -> glue.createClassifier(r -> r
                .grokClassifier(g -> g.name(name).classification("x").grokPattern("%{GREEDYDATA:line}"))
                .csvClassifier(c -> c.name(name)))));
        assertThat(two).contains("exactly one").contains("GrokClassifier and CsvClassifier");
        expectError(EntityNotFoundException.class, () -> get(name));

        createJson(name);
        assertThat(message(expectError(InvalidInputException.class,
                () -> glue.updateClassifier(UpdateClassifierRequest.builder().build())))).contains("none");
        assertThat(message(expectError(InvalidInputException.class, () -> glue.updateClassifier(r -> r
                .jsonClassifier(j -> j.name(name).jsonPath("$[*]")).xmlClassifier(x -> x.name(name))))))
                .contains("XMLClassifier and JsonClassifier");
        assertThat(get(name).jsonClassifier().version()).isEqualTo(1L);
    }

    @Test
    void grokPatternsMustCompile() {
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{NOSUCHPATTERN:x}")))).contains("GrokClassifier.GrokPattern").contains("NOSUCHPATTERN");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{WORD:w} (unclosed")))).contains("GrokClassifier.GrokPattern");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{WORD:w:money}")))).contains("GrokClassifier.GrokPattern").contains("money");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{MINE:m}").customPatterns("MINE")))).contains("GrokClassifier.CustomPatterns");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{MINE:m}").customPatterns("MINE [a-z+")))).contains("GrokClassifier.GrokPattern");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{A:a}").customPatterns("A x%{B}\nB y%{A}"))))
                .contains("GrokClassifier.CustomPatterns").contains("refers to itself");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification(" ")
                .grokPattern("%{WORD:w}")))).contains("GrokClassifier.Classification");

        // Each pattern uses the one before twice: 2^30 copies of "x" if expanded, refused before expanding.
        StringBuilder doubling = new StringBuilder("P0 x\n");
        for (int i = 1; i <= 30; i++) {
            doubling.append('P').append(i).append(" %{P").append(i - 1).append("}%{P").append(i - 1).append("}\n");
        }
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{P30:p}").customPatterns(doubling.toString()))))
                .contains("GrokClassifier.GrokPattern expands");
        // references with a ;type and inline definitions are counted as the crawler expands them
        StringBuilder typed = new StringBuilder("P0 x\n");
        for (int i = 1; i <= 30; i++) {
            typed.append('P').append(i).append(" %{P").append(i - 1).append(":a;int}%{P").append(i - 1)
                    .append(":b;int}\n");
        }
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{P30:p}").customPatterns(typed.toString()))))
                .contains("GrokClassifier.GrokPattern expands");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{Both:both=%{P30}|%{P30}}").customPatterns(doubling.toString()))))
                .contains("GrokClassifier.GrokPattern expands");
        assertThat(refusal(r -> r.grokClassifier(g -> g.name(unique("G")).classification("log")
                .grokPattern("%{Code:code=[A-Z]{3 %{GREEDYDATA:rest}"))))
                .contains("GrokClassifier.GrokPattern has an inline definition without its closing brace");
    }

    @Test
    void gluesDocumentedBuiltInsAndSyntaxAreAccepted() {
        List<String> patterns = List.of("%{COMMONAPACHELOG_DATATYPED}", "%{SYSLOGBASE} %{GREEDYDATA:message}",
                "%{DATESTAMP_US:at} %{BOOLEAN:ok:boolean} %{CISCOTIMESTAMP:cisco} %{URI:uri} %{UUID:id} %{MAC:mac}",
                "%{IPV6:v6} %{HTTPDATE:at;date;dd/MMM/yyyy:HH:mm:ss Z} %{Bytes:bytes=%{NUMBER}|-}");
        for (String pattern : patterns) {
            String name = unique("GlueBuiltIns");
            glue.createClassifier(r -> r.grokClassifier(g -> g.name(name).classification("log").grokPattern(pattern)));
            assertThat(get(name).grokClassifier().grokPattern()).isEqualTo(pattern);
        }
    }

    @Test
    void jsonPathsMustParse() {
        for (String path : List.of("records[*]", "$..records", "$[abc]", "$.records[", "$records")) {
            assertThat(refusal(r -> r.jsonClassifier(j -> j.name(unique("J")).jsonPath(path))))
                    .as(path).contains("JsonClassifier.JsonPath");
        }
        assertThat(refusal(r -> r.jsonClassifier(j -> j.name(unique("J")).jsonPath(""))))
                .contains("JsonClassifier.JsonPath");
    }

    @Test
    void csvAndXmlDefinitionsAreChecked() {
        assertThat(refusal(r -> r.csvClassifier(c -> c.name(unique("C")).delimiter("|").quoteSymbol("|"))))
                .contains("CsvClassifier.QuoteSymbol must differ from CsvClassifier.Delimiter");
        assertThat(refusal(r -> r.csvClassifier(c -> c.name(unique("C")).delimiter("\""))))
                .as("the default QuoteSymbol counts").contains("CsvClassifier.QuoteSymbol");
        assertThat(refusal(r -> r.csvClassifier(c -> c.name(unique("C")).delimiter("ab"))))
                .contains("at 'csvClassifier.delimiter' failed to satisfy constraint");
        assertThat(refusal(r -> r.csvClassifier(c -> c.name(unique("C")).customDatatypes("INT", "MONEY"))))
                .contains("CsvClassifier.CustomDatatypes").contains("MONEY");
        assertThat(refusal(r -> r.csvClassifier(c -> c.name(unique("C")).header("id", "ID"))))
                .contains("CsvClassifier.Header");
        assertThat(refusal(r -> r.csvClassifier(c -> c.name(unique("C")).containsHeader("MAYBE"))))
                .contains("at 'csvClassifier.containsHeader' failed to satisfy constraint");
        assertThat(refusal(r -> r.xmlClassifier(x -> x.name(unique("X")).classification("xml"))))
                .contains("XMLClassifier.RowTag is required");
        assertThat(refusal(r -> r.xmlClassifier(x -> x.name(unique("X")).classification("xml").rowTag("<row>"))))
                .contains("XMLClassifier.RowTag");
        assertThat(refusal(r -> r.xmlClassifier(x -> x.name(unique("X")).rowTag("row"))))
                .contains("Value null at 'xMLClassifier.classification'");
    }

    /** The create must fail with InvalidInputException and create nothing; returns the message. */
    private String refusal(Consumer<CreateClassifierRequest.Builder> request) {
        CreateClassifierRequest.Builder builder = CreateClassifierRequest.builder();
        request.accept(builder);
        CreateClassifierRequest built = builder.build();
        String message = message(expectError(InvalidInputException.class, () -> glue.createClassifier(built)));
        String name = built.grokClassifier() != null ? built.grokClassifier().name()
                : built.xmlClassifier() != null ? built.xmlClassifier().name()
                : built.jsonClassifier() != null ? built.jsonClassifier().name() : built.csvClassifier().name();
        expectError(EntityNotFoundException.class, () -> get(name));
        return message;
    }

    @Test
    void getClassifiersPagesByMaxResults() {
        String prefix = unique("Paged");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(prefix + "-" + i);
        }
        createGrok(names.get(0));
        glue.createClassifier(r -> r.xmlClassifier(x -> x.name(names.get(1)).classification("xml").rowTag("row")));
        createJson(names.get(2));
        createCsv(names.get(3));
        createJson(names.get(4));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetClassifiersResponse page = glue.getClassifiers(r -> r.maxResults(2).nextToken(next));
            sizes.add(page.classifiers().size());
            page.classifiers().forEach(c -> seen.add(nameOf(c)));
            token = page.nextToken();
        } while (token != null);
        assertThat(sizes.subList(0, sizes.size() - 1)).as("every page but the last is full").containsOnly(2);
        assertThat(sizes.get(sizes.size() - 1)).isBetween(1, 2);
        assertThat(seen).doesNotHaveDuplicates().containsSubsequence(names);
        assertThat(seen).isSorted();

        // Only the five: a fresh store in its own class would show exactly this; here, filter to the prefix.
        assertThat(seen.stream().filter(n -> n.startsWith(prefix)).toList()).containsExactlyElementsOf(names);
        List<Classifier> all = glue.getClassifiers(r -> r.maxResults(1000)).classifiers();
        assertThat(all.stream().filter(c -> nameOf(c).startsWith(prefix)).map(ClassifierApiContract::version))
                .containsOnly(1L);

        assertThat(message(expectError(InvalidInputException.class, () -> glue.getClassifiers(r -> r.maxResults(0)))))
                .contains("maxResults");
        expectError(InvalidInputException.class, () -> glue.getClassifiers(r -> r.nextToken("not-a-token")));
    }

    static String nameOf(Classifier c) {
        if (c.grokClassifier() != null) return c.grokClassifier().name();
        if (c.xmlClassifier() != null) return c.xmlClassifier().name();
        if (c.jsonClassifier() != null) return c.jsonClassifier().name();
        return c.csvClassifier().name();
    }

    static Long version(Classifier c) {
        if (c.grokClassifier() != null) return c.grokClassifier().version();
        if (c.xmlClassifier() != null) return c.xmlClassifier().version();
        if (c.jsonClassifier() != null) return c.jsonClassifier().version();
        return c.csvClassifier().version();
    }

    /** What the crawler gets: definitions in the order asked, a missing name named, all usable by the crawler. */
    @Test
    void theCrawlerReadsDefinitionsByName() {
        String grok = unique("ForCrawlerGrok");
        String xml = unique("ForCrawlerXml");
        String json = unique("ForCrawlerJson");
        String csv = unique("ForCrawlerCsv");
        createGrok(grok);
        glue.createClassifier(r -> r.xmlClassifier(x -> x.name(xml).classification("orders").rowTag("order")));
        createJson(json);
        createCsv(csv);

        try (JdbcStores stores = JdbcStores.open(server.store())) {
            ClassifierLookup lookup = ClassifiersApi.register(new GlueOperations(), stores.classifiers(),
                    Clock.systemUTC());
            List<Classifier> found = lookup.byNames(List.of(csv, grok, json, xml, csv));
            assertThat(found).extracting(ClassifierApiContract::nameOf).containsExactly(csv, grok, json, xml, csv);
            assertThat(found.get(0)).isEqualTo(get(csv));
            assertThat(found.get(1).grokClassifier().customPatterns()).isEqualTo(APP_PATTERNS);
            assertThat(new CustomClassifiers(found).isEmpty()).as("the crawler compiles them all").isFalse();
            assertThat(lookup.byNames(List.of())).isEmpty();

            String missing = unique("NotThere");
            GlueException error = catchThrowableOfType(GlueException.class,
                    () -> lookup.byNames(List.of(grok, missing, json)));
            assertThat(error.code()).isEqualTo(GlueErrorCode.ENTITY_NOT_FOUND);
            assertThat(error.getMessage()).contains(missing);
        }
    }
}
