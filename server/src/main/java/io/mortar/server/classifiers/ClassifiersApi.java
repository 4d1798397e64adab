package io.mortar.server.classifiers;

import static java.util.Objects.requireNonNull;

import io.mortar.server.protocol.GlueOperations;
import io.mortar.store.classifiers.ClassifierStore;
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
    public static ClassifierLookup register(GlueOperations ops, ClassifierStore store, Clock clock) {
        requireNonNull(ops, "ops");
        ClassifierService classifiers = new ClassifierService(store, clock);
        ops.add("CreateClassifier", CreateClassifierRequest::builder, classifiers::createClassifier)
                .add("GetClassifier", GetClassifierRequest::builder, classifiers::getClassifier)
                .add("GetClassifiers", GetClassifiersRequest::builder, classifiers::getClassifiers)
                .add("UpdateClassifier", UpdateClassifierRequest::builder, classifiers::updateClassifier)
                .add("DeleteClassifier", DeleteClassifierRequest::builder, classifiers::deleteClassifier);
        return new ClassifierLookup(store);
    }
}
