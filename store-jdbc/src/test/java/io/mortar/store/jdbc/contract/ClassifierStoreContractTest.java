package io.mortar.store.jdbc.contract;

import static io.mortar.store.jdbc.contract.FixedTimes.T0;
import static io.mortar.store.jdbc.contract.FixedTimes.at;
import static io.mortar.store.jdbc.contract.GlueErrors.assertGlueError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.classifiers.ClassifierStore;
import io.mortar.store.classifiers.StoredClassifier;
import io.mortar.store.jdbc.testing.StoreContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The contract of {@link ClassifierStore}: names unique across kinds, kept in their case, listed bytewise. */
class ClassifierStoreContractTest extends StoreContract {

    private ClassifierStore classifiers() {
        return stores().classifiers();
    }

    private static StoredClassifier grok(String name) {
        return new StoredClassifier(name, "GrokClassifier", "{\"Classification\":\"applog\",\"GrokPattern\":\"%{x}\"}",
                1, T0, T0);
    }

    private StoredClassifier create(String name) {
        StoredClassifier classifier = grok(name);
        classifiers().create(classifier);
        return classifier;
    }

    @Test
    void aCreatedClassifierReadsBackAsWritten() {
        String name = unique("Csv-Pipes.V2");
        StoredClassifier csv = new StoredClassifier(name, "CsvClassifier", "{\"Delimiter\":\"|\",\"Header\":[\"a\"]}",
                1, T0, at(1));

        classifiers().create(csv);

        assertThat(classifiers().get(name)).contains(csv);
        assertThat(classifiers().get(name + "x")).isEmpty();
    }

    @Test
    void aNameIsTakenWhateverTheKind() {
        StoredClassifier grok = create(unique("shared"));

        for (String kind : List.of("GrokClassifier", "XMLClassifier", "JsonClassifier", "CsvClassifier")) {
            StoredClassifier other = new StoredClassifier(grok.name(), kind, "{}", 1, at(5), at(5));
            assertGlueError(GlueErrorCode.ALREADY_EXISTS, () -> classifiers().create(other));
        }

        assertThat(classifiers().get(grok.name())).contains(grok);
    }

    @Test
    void namesKeepTheirCaseAndLookUpExactly() {
        String mixed = unique("Grok-Mixed.Case");
        StoredClassifier upper = create(mixed);
        StoredClassifier lower = new StoredClassifier(mixed.toLowerCase(Locale.ROOT), "JsonClassifier",
                "{\"JsonPath\":\"$\"}", 1, T0, T0);

        classifiers().create(lower); // another name, so another classifier

        assertThat(classifiers().get(mixed)).contains(upper);
        assertThat(classifiers().get(mixed.toLowerCase(Locale.ROOT))).contains(lower);
        assertThat(classifiers().get(mixed.toUpperCase(Locale.ROOT))).isEmpty();
        assertThat(classifiers().getAll(List.of(mixed, mixed.toUpperCase(Locale.ROOT))))
                .isEqualTo(Map.of(mixed, upper));
    }

    @Test
    void getAllFindsTheExistingOnesOfManyNames() {
        // more names than the JDBC store looks up in one statement, the existing ones spread over every batch
        String prefix = unique("many") + "_";
        List<String> asked = new ArrayList<>();
        Map<String, StoredClassifier> existing = new HashMap<>();
        for (int i = 0; i < 1_100; i++) {
            String name = prefix + i;
            asked.add(name);
            if (i % 5 == 0) {
                existing.put(name, create(name));
            }
        }
        asked.add(prefix + 4); // asked twice
        asked.add(unique("absent"));

        assertThat(classifiers().getAll(asked)).isEqualTo(existing);
        assertThat(existing).hasSize(220);
        assertThat(classifiers().getAll(List.of())).isEmpty();
        assertThat(classifiers().getAll(List.of(unique("absent")))).isEmpty();
    }

    @Test
    void classifiersListInByteOrderAPageAtATime() {
        String prefix = unique("order") + "-";
        // byte (and UTF-16) order: digits, capitals, '_', lower case, then beyond ASCII
        List<String> sorted = List.of("0", "9", "A", "B", "Z", "_", "a", "b", "z", "é", "ö", "中");
        for (String suffix : List.of("b", "中", "_", "A", "z", "0", "é", "Z", "a", "ö", "B", "9")) {
            create(prefix + suffix);
        }

        List<String> listed = new ArrayList<>();
        String after = prefix;
        while (true) {
            Page<StoredClassifier> page = classifiers().listClassifiers(after, 5);
            page.items().stream().map(StoredClassifier::name).filter(n -> n.startsWith(prefix)).forEach(listed::add);
            if (page.nextCursor() == null || !page.nextCursor().startsWith(prefix)) {
                break; // the listing went past this test's names
            }
            assertThat(page.items()).hasSize(5);
            assertThat(page.nextCursor()).isEqualTo(page.items().get(4).name());
            after = page.nextCursor();
        }

        assertThat(listed).containsExactlyElementsOf(sorted.stream().map(s -> prefix + s).toList());
        assertThat(classifiers().listClassifiers(prefix + "中", 5).items()).extracting(StoredClassifier::name)
                .noneMatch(n -> n.startsWith(prefix));
    }

    @Test
    void theLastPageHasNoCursor() {
        String lastButOne = "~" + unique("last"); // '~' sorts after every other test's names
        String last = "~~" + unique("last");
        create(last);
        create(lastButOne);

        Page<StoredClassifier> page = classifiers().listClassifiers("~", 2);
        assertThat(page.items()).extracting(StoredClassifier::name).containsExactly(lastButOne, last);
        assertThat(page.nextCursor()).isNull();
        assertThat(classifiers().listClassifiers(last, 2)).isEqualTo(new Page<StoredClassifier>(List.of(), null));
    }

    @Test
    void aChangeIsGivenTheStoredClassifierAndStoresWhatItReturns() {
        StoredClassifier classifier = create(unique("grok"));
        AtomicReference<StoredClassifier> given = new AtomicReference<>();
        StoredClassifier next = new StoredClassifier(classifier.name(), "GrokClassifier", "{\"Classification\":\"v2\"}",
                2, T0, at(30));

        StoredClassifier changed = classifiers().change(classifier.name(), current -> {
            given.set(current);
            return next;
        });

        assertThat(given.get()).isEqualTo(classifier);
        assertThat(changed).isEqualTo(next);
        assertThat(classifiers().get(classifier.name())).contains(next);
    }

    @Test
    void aRefusedChangeWritesNothing() {
        StoredClassifier classifier = create(unique("grok"));

        assertGlueError(GlueErrorCode.INVALID_INPUT, () -> classifiers().change(classifier.name(), current -> {
            throw GlueException.invalidInput("a classifier's kind cannot change");
        }));

        assertThat(classifiers().get(classifier.name())).contains(classifier);
    }

    @Test
    void changingAMissingClassifierIsEntityNotFoundWithoutCallingTheChange() {
        AtomicInteger called = new AtomicInteger();

        assertGlueError(GlueErrorCode.ENTITY_NOT_FOUND, () -> classifiers().change(unique("grok"), current -> {
            called.incrementAndGet();
            return current;
        }));

        assertThat(called).hasValue(0);
    }

    @Test
    void simultaneousChangesNeverLoseOneAnother() {
        StoredClassifier classifier = create(unique("grok"));
        Runnable bumps = () -> {
            for (int i = 0; i < 4; i++) {
                classifiers().change(classifier.name(), current -> {
                    Race.widenWindow();
                    return new StoredClassifier(current.name(), current.kind(), current.document(),
                            current.version() + 1, current.createTime(), current.updateTime());
                });
            }
        };

        List<Race.Outcome<Object>> outcomes = Race.run(Executors.callable(bumps), Executors.callable(bumps));

        assertThat(outcomes).allMatch(Race.Outcome::succeeded);
        assertThat(classifiers().get(classifier.name()).orElseThrow().version()).isEqualTo(9);
    }

    @Test
    void aDeletedClassifierIsGoneAndItsNameFree() {
        StoredClassifier classifier = create(unique("Grok"));
        StoredClassifier sameButCase = create(classifier.name().toLowerCase(Locale.ROOT));

        assertThat(classifiers().delete(classifier.name())).isTrue();

        assertThat(classifiers().get(classifier.name())).isEmpty();
        assertThat(classifiers().get(sameButCase.name())).contains(sameButCase);
        assertThat(classifiers().delete(classifier.name())).isFalse();
        assertThat(classifiers().delete(unique("missing"))).isFalse();
        classifiers().create(grok(classifier.name()));
        assertThat(classifiers().get(classifier.name())).isPresent();
    }
}
