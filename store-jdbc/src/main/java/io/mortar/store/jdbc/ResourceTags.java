package io.mortar.store.jdbc;

import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.update;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The catalog's {@code tags} table as resources other than databases and tables use it (jobs, crawlers,
 * connections): tags given at creation, and listings filtered by tags. Tags live under the resource's ARN, so
 * TagResource and GetTags work on every kind alike.
 */
public final class ResourceTags {
    private ResourceTags() {}

    /**
     * Inserts a named resource's row and gives it exactly {@code tags}, or throws when a row of its name exists.
     *
     * @param insert an {@code INSERT … ON CONFLICT (name) DO NOTHING}: a concurrent creator of the same name (PostgreSQL
     *     runs them in parallel) then gets AlreadyExists too, instead of a unique-key violation
     */
    public static void insertTagged(Connection c, String insert, Object[] values, String arn, Map<String, String> tags,
                                    Supplier<GlueException> alreadyExists) throws SQLException {
        if (update(c, insert, values) == 0) {
            throw alreadyExists.get();
        }
        replace(c, arn, tags);
    }

    /**
     * A page of named resources in name order after {@code afterName}, only those carrying every one of
     * {@code tags}.
     *
     * @param select {@code SELECT … FROM <table> <alias>}, its rows named by {@code nameColumn} ({@code alias.name})
     * @param arnPrefix a resource's ARN is this followed by its name
     */
    public static <T> Page<T> pageByName(Connection c, String select, String nameColumn, String afterName, int limit,
                                         Map<String, String> tags, String arnPrefix, Sql.RowMapper<T> rows,
                                         Function<T, String> nameOf) throws SQLException {
        StringBuilder sql = new StringBuilder(select).append(" WHERE ").append(nameColumn).append(" > ?");
        List<Object> args = new ArrayList<>();
        args.add(afterName == null ? "" : afterName);
        appendFilter(sql, args, nameColumn, arnPrefix, tags);
        sql.append(" ORDER BY ").append(nameColumn).append(" LIMIT ?");
        args.add(limit + 1);
        return Page.of(list(c, sql.toString(), rows, args.toArray()), limit, nameOf);
    }

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
    private static void appendFilter(StringBuilder sql, List<Object> args, String nameColumn, String arnPrefix,
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
