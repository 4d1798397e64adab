package io.mortar.store.jdbc;

import static io.mortar.store.jdbc.Sql.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The catalog's {@code tags} table as resources other than databases and tables use it (jobs, crawlers,
 * connections): tags given at creation, and listings filtered by tags. Tags live under the resource's ARN, so
 * TagResource and GetTags work on every kind alike.
 */
public final class ResourceTags {
    private ResourceTags() {}

    /**
     * Makes {@code tags} the resource's only tags. A same-named resource deleted earlier leaves nothing behind,
     * but no stray tag may leak into the new one either.
     */
    public static void replace(Connection c, String arn, Map<String, String> tags) throws SQLException {
        update(c, "DELETE FROM tags WHERE resource_arn = ?", arn);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            update(c, "INSERT INTO tags (resource_arn, tag_key, tag_value) VALUES (?, ?, ?)", arn, tag.getKey(),
                    tag.getValue());
        }
    }

    /**
     * Appends to a listing's WHERE clause one condition per tag: the row whose ARN is {@code arnPrefix} followed
     * by {@code nameColumn} carries it.
     */
    public static void appendFilter(StringBuilder sql, List<Object> args, String nameColumn, String arnPrefix,
                                    Map<String, String> tags) {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            sql.append(" AND EXISTS (SELECT 1 FROM tags t WHERE t.resource_arn = ? || ").append(nameColumn)
                    .append(" AND t.tag_key = ? AND t.tag_value = ?)");
            args.add(arnPrefix);
            args.add(tag.getKey());
            args.add(tag.getValue());
        }
    }
}
