package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.catalog.CatalogStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.glue.model.GetTagsRequest;
import software.amazon.awssdk.services.glue.model.GetTagsResponse;
import software.amazon.awssdk.services.glue.model.TagResourceRequest;
import software.amazon.awssdk.services.glue.model.TagResourceResponse;
import software.amazon.awssdk.services.glue.model.UntagResourceRequest;
import software.amazon.awssdk.services.glue.model.UntagResourceResponse;

/**
 * Tags on any taggable Glue resource, addressed by ARN. Each kind of resource (database, table, and later job,
 * crawler, …) registers how to tell whether a resource of that kind exists, so tagging a missing one fails.
 */
public final class TagService {
    private final CatalogStore store;
    private final CatalogIdentity identity;
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    private record Kind(boolean namesFoldCase, Predicate<String[]> exists) {}

    /** Checks of the tags given to resources of one kind (tags that mean something to Mortar), by kind. */
    private final Map<String, java.util.function.Consumer<Map<String, String>>> tagChecks = new ConcurrentHashMap<>();

    public TagService(CatalogStore store, CatalogIdentity identity) {
        this.store = requireNonNull(store, "store");
        this.identity = requireNonNull(identity, "identity");
    }

    /**
     * @param kind the ARN resource type ({@code database}, {@code table}, {@code job}, …)
     * @param namesFoldCase whether the kind's names are folded to lower case (catalog names are); its ARNs are
     *     then folded too, so that {@code table/Sales/Orders} and {@code table/sales/orders} carry the same tags
     *     and lose them together when the table is deleted
     * @param exists given the ARN's path segments after the kind (folded, if the kind's names are), whether the
     *     resource exists
     */
    public void registerResourceKind(String kind, boolean namesFoldCase, Predicate<String[]> exists) {
        kinds.put(kind, new Kind(namesFoldCase, exists));
    }

    /**
     * Checks the tags TagResource gives a resource of this kind before they are written: {@code check} throws a
     * GlueException naming what is wrong (the kind's create operation calls the same check on its Tags).
     */
    public void registerTagCheck(String kind, java.util.function.Consumer<Map<String, String>> check) {
        tagChecks.put(kind, requireNonNull(check, "check"));
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        Names.rejectNul(request.tagsToAdd(), "TagsToAdd");
        String arn = requireExisting(request.resourceArn());
        String kind = arn.substring(identity.arnPrefix().length()).split("/", 2)[0];
        tagChecks.getOrDefault(kind, tags -> { }).accept(request.tagsToAdd());
        store.tagResource(arn, request.tagsToAdd());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        request.tagsToRemove().forEach(key -> Names.rejectNul(key, "TagsToRemove key"));
        store.untagResource(requireExisting(request.resourceArn()), request.tagsToRemove());
        return UntagResourceResponse.builder().build();
    }

    public GetTagsResponse getTags(GetTagsRequest request) {
        return GetTagsResponse.builder().tags(store.getTags(requireExisting(request.resourceArn()))).build();
    }

    private String requireExisting(String arn) {
        Names.rejectNul(arn, "ResourceArn");
        String prefix = identity.arnPrefix();
        if (arn == null || !arn.startsWith(prefix)) {
            throw GlueException.invalidInput("ResourceArn %s is not a resource of this catalog (expected %s…).", arn,
                    prefix);
        }
        String[] path = arn.substring(prefix.length()).split("/", -1);
        Kind kind = kinds.get(path[0]);
        if (kind != null && kind.namesFoldCase()) {
            // Folded here, once: the existence check gets the names as stored, and the tags go under the
            // canonical ARN, the one deletes of the resource clean up.
            for (int i = 1; i < path.length; i++) {
                path[i] = path[i].toLowerCase(Locale.ROOT);
            }
        }
        if (kind == null || !kind.exists().test(Arrays.copyOfRange(path, 1, path.length))) {
            throw GlueException.entityNotFound("Resource %s not found.", arn);
        }
        return prefix + String.join("/", path);
    }
}
