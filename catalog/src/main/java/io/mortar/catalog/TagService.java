package io.mortar.catalog;

import static java.util.Objects.requireNonNull;

import io.mortar.catalog.store.CatalogStore;
import io.mortar.model.GlueException;
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
    private final Map<String, ResourceKind> kinds = new ConcurrentHashMap<>();

    private record ResourceKind(Predicate<String[]> exists, boolean lowerCaseNames) {}

    public TagService(CatalogStore store, CatalogIdentity identity) {
        this.store = requireNonNull(store, "store");
        this.identity = requireNonNull(identity, "identity");
    }

    /**
     * @param kind the ARN resource type ({@code database}, {@code table}, {@code job}, …)
     * @param lowerCaseNames whether Glue folds this kind's names to lower case (catalog objects do, jobs do not):
     *     tags are then kept under the lower-cased ARN, whatever case the caller used
     * @param exists given the ARN's path segments after the kind, whether the resource exists
     */
    public void registerResourceKind(String kind, boolean lowerCaseNames, Predicate<String[]> exists) {
        kinds.put(kind, new ResourceKind(exists, lowerCaseNames));
    }

    public TagResourceResponse tagResource(TagResourceRequest request) {
        store.tagResource(requireExisting(request.resourceArn()), request.tagsToAdd());
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        store.untagResource(requireExisting(request.resourceArn()), request.tagsToRemove());
        return UntagResourceResponse.builder().build();
    }

    public GetTagsResponse getTags(GetTagsRequest request) {
        return GetTagsResponse.builder().tags(store.getTags(requireExisting(request.resourceArn()))).build();
    }

    private String requireExisting(String arn) {
        String prefix = identity.arnPrefix();
        if (arn == null || !arn.startsWith(prefix)) {
            throw GlueException.invalidInput("ResourceArn %s is not a resource of this catalog (expected %s…).", arn,
                    prefix);
        }
        String[] path = arn.substring(prefix.length()).split("/", -1);
        ResourceKind kind = kinds.get(path[0]);
        String[] names = java.util.Arrays.copyOfRange(path, 1, path.length);
        if (kind != null && kind.lowerCaseNames()) {
            for (int i = 0; i < names.length; i++) {
                names[i] = names[i].toLowerCase(java.util.Locale.ROOT);
            }
        }
        if (kind == null || !kind.exists().test(names)) {
            throw GlueException.entityNotFound("Resource %s not found.", arn);
        }
        return prefix + path[0] + "/" + String.join("/", names);
    }
}
