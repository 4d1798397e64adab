package io.mortar.store.classifiers;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Custom classifiers. Every method is one atomic transaction. Names keep their case and are unique across kinds. */
public interface ClassifierStore {

    /** @throws GlueException ALREADY_EXISTS */
    void create(StoredClassifier classifier);

    Optional<StoredClassifier> get(String name);

    /** The classifiers of these names that exist, by name, read from one state of the store. */
    Map<String, StoredClassifier> getAll(List<String> names);

    /** Classifiers in name order after {@code afterName}. */
    Page<StoredClassifier> listClassifiers(String afterName, int limit);

    /**
     * Replaces a classifier with what {@code change} makes of it, the classifier locked meanwhile so that two
     * updates never lose one another; {@code change} throws a GlueException to refuse (nothing is written).
     *
     * @throws GlueException ENTITY_NOT_FOUND
     */
    StoredClassifier change(String name, UnaryOperator<StoredClassifier> change);

    /** Deletes the classifier; false if there is none of that name. */
    boolean delete(String name);

    static GlueException notFound(String name) {
        return GlueException.entityNotFound("Classifier with name %s does not exist", name);
    }
}
