package io.mortar.server.classifiers;

import static java.util.Objects.requireNonNull;

import io.mortar.store.classifiers.ClassifierStore;
import io.mortar.store.classifiers.StoredClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.glue.model.Classifier;

/**
 * Read access to the stored custom classifiers for the crawler: a crawler's {@code Classifiers} names resolved to
 * their definitions (Glue's {@link Classifier} union, as GetClassifier returns them), which the crawler's
 * {@code io.mortar.crawler.custom.CustomClassifiers} accepts as they are.
 */
public final class ClassifierLookup {
    private final ClassifierStore store;

    ClassifierLookup(ClassifierStore store) {
        this.store = requireNonNull(store, "store");
    }

    /**
     * The classifiers of these names, in the given order (a name given twice appears twice), read in one
     * transaction; an EntityNotFoundException names the first one that does not exist.
     */
    public List<Classifier> byNames(List<String> names) {
        requireNonNull(names, "names");
        Map<String, StoredClassifier> found = store.getAll(names);
        List<Classifier> out = new ArrayList<>(names.size());
        for (String name : names) {
            StoredClassifier stored = found.get(name);
            if (stored == null) {
                throw ClassifierStore.notFound(name);
            }
            out.add(ClassifierService.toClassifier(stored));
        }
        return List.copyOf(out);
    }
}
