package io.mortar.server.classifiers;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.store.Jdbc;
import io.mortar.server.classifiers.store.ClassifierStore;
import io.mortar.server.protocol.GlueOperations;
import java.time.Clock;
import software.amazon.awssdk.services.glue.model.CreateClassifierRequest;
import software.amazon.awssdk.services.glue.model.DeleteClassifierRequest;
import software.amazon.awssdk.services.glue.model.GetClassifierRequest;
import software.amazon.awssdk.services.glue.model.GetClassifiersRequest;
import software.amazon.awssdk.services.glue.model.UpdateClassifierRequest;

/** The custom-classifier operations of the Glue API; classifiers live in the catalog's database. */
public final class ClassifiersApi {
    private ClassifiersApi() {}

    /** Registers the operations and returns what crawlers read classifier definitions through. */
    public static ClassifierLookup register(GlueOperations ops, Jdbc jdbc, Clock clock) {
        requireNonNull(ops, "ops");
        ClassifierStore store = new ClassifierStore(jdbc);
        ClassifierService classifiers = new ClassifierService(store, clock);
        ops.add("CreateClassifier", CreateClassifierRequest::builder, classifiers::createClassifier)
                .add("GetClassifier", GetClassifierRequest::builder, classifiers::getClassifier)
                .add("GetClassifiers", GetClassifiersRequest::builder, classifiers::getClassifiers)
                .add("UpdateClassifier", UpdateClassifierRequest::builder, classifiers::updateClassifier)
                .add("DeleteClassifier", DeleteClassifierRequest::builder, classifiers::deleteClassifier);
        return new ClassifierLookup(store);
    }
}
