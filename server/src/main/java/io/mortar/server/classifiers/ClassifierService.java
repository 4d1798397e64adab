package io.mortar.server.classifiers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mortar.catalog.PageTokens;
import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.server.classifiers.ClassifierRules.Definition;
import io.mortar.server.classifiers.ClassifierRules.Kind;
import io.mortar.store.Page;
import io.mortar.store.classifiers.ClassifierStore;
import io.mortar.store.classifiers.StoredClassifier;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.glue.model.Classifier;
import software.amazon.awssdk.services.glue.model.CreateClassifierRequest;
import software.amazon.awssdk.services.glue.model.CreateClassifierResponse;
import software.amazon.awssdk.services.glue.model.DeleteClassifierRequest;
import software.amazon.awssdk.services.glue.model.DeleteClassifierResponse;
import software.amazon.awssdk.services.glue.model.GetClassifierRequest;
import software.amazon.awssdk.services.glue.model.GetClassifierResponse;
import software.amazon.awssdk.services.glue.model.GetClassifiersRequest;
import software.amazon.awssdk.services.glue.model.GetClassifiersResponse;
import software.amazon.awssdk.services.glue.model.UpdateClassifierRequest;
import software.amazon.awssdk.services.glue.model.UpdateClassifierResponse;

/**
 * Custom classifiers: CreateClassifier, GetClassifier, GetClassifiers, UpdateClassifier (only the members given
 * change, the kind stays, the version goes up) and DeleteClassifier, with Glue's errors and the checks of
 * {@link ClassifierRules}.
 */
final class ClassifierService {
    private static final String LISTING = "classifiers";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1_000;

    private final ClassifierStore store;
    private final Clock clock;

    ClassifierService(ClassifierStore store, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.clock = requireNonNull(clock, "clock");
    }

    CreateClassifierResponse createClassifier(CreateClassifierRequest request) {
        Kind kind = ClassifierRules.kindOf("CreateClassifier", request.grokClassifier(), request.xmlClassifier(),
                request.jsonClassifier(), request.csvClassifier());
        // Each kind's create request has the members of its Glue shape (less the times and version).
        Definition definition = ClassifierRules.definition(kind, GlueJson.writeString(member(kind,
                request.grokClassifier(), request.xmlClassifier(), request.jsonClassifier(), request.csvClassifier())));
        Instant now = clock.instant();
        store.create(new StoredClassifier(definition.name(), kind.wireName(), definition.document(), 1, now, now));
        return CreateClassifierResponse.builder().build();
    }

    GetClassifierResponse getClassifier(GetClassifierRequest request) {
        return GetClassifierResponse.builder()
                .classifier(toClassifier(store.get(request.name()).orElseThrow(() ->
                        ClassifierStore.notFound(request.name()))))
                .build();
    }

    GetClassifiersResponse getClassifiers(GetClassifiersRequest request) {
        int limit = PageTokens.pageSize(request.maxResults(), DEFAULT_PAGE, MAX_PAGE);
        Page<StoredClassifier> page = store.listClassifiers(PageTokens.decodeName(LISTING, request.nextToken()), limit);
        return GetClassifiersResponse.builder()
                .classifiers(page.items().stream().map(ClassifierService::toClassifier).toList())
                .nextToken(PageTokens.encode(LISTING, page.nextCursor()))
                .build();
    }

    /**
     * The members the request gives replace the stored ones, the others stay (Glue's observed behaviour); the
     * result is checked whole, so a change that would leave an unusable classifier is refused and writes nothing.
     */
    UpdateClassifierResponse updateClassifier(UpdateClassifierRequest request) {
        Kind kind = ClassifierRules.kindOf("UpdateClassifier", request.grokClassifier(), request.xmlClassifier(),
                request.jsonClassifier(), request.csvClassifier());
        ObjectNode changes = (ObjectNode) GlueJson.parse(GlueJson.writeString(member(kind, request.grokClassifier(),
                request.xmlClassifier(), request.jsonClassifier(), request.csvClassifier())));
        String name = changes.path("Name").asText(null);
        if (name == null || name.isEmpty()) {
            throw GlueException.invalidInput("%s.Name is required.", kind.wireName());
        }
        store.change(name, current -> {
            Kind stored = Kind.ofWireName(current.kind());
            if (stored != kind) {
                throw GlueException.invalidInput("Classifier %s is a %s, so UpdateClassifier must give %s, not %s;"
                        + " a classifier's kind cannot change.", name, stored.wireName(), stored.wireName(),
                        kind.wireName());
            }
            ObjectNode merged = (ObjectNode) GlueJson.parse(current.document());
            merged.setAll(changes);
            Definition definition = ClassifierRules.definition(kind, merged.toString());
            return new StoredClassifier(current.name(), current.kind(), definition.document(), current.version() + 1,
                    current.createTime(), clock.instant());
        });
        return UpdateClassifierResponse.builder().build();
    }

    DeleteClassifierResponse deleteClassifier(DeleteClassifierRequest request) {
        if (!store.delete(request.name())) {
            throw ClassifierStore.notFound(request.name());
        }
        return DeleteClassifierResponse.builder().build();
    }

    private static SdkPojo member(Kind kind, SdkPojo grok, SdkPojo xml, SdkPojo json, SdkPojo csv) {
        return switch (kind) {
            case GROK -> grok;
            case XML -> xml;
            case JSON -> json;
            case CSV -> csv;
        };
    }

    static Classifier toClassifier(StoredClassifier stored) {
        return ClassifierRules.toClassifier(Kind.ofWireName(stored.kind()), stored.document(), stored.name(),
                stored.createTime(), stored.updateTime(), stored.version());
    }
}
