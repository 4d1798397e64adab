package io.mortar.store.jdbc.crawlers;

import static io.mortar.store.jdbc.Sql.instant;
import static io.mortar.store.jdbc.Sql.list;
import static io.mortar.store.jdbc.Sql.one;
import static io.mortar.store.jdbc.Sql.update;
import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.store.Page;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.crawlers.StoredCrawler;
import io.mortar.store.jdbc.Jdbc;
import io.mortar.store.jdbc.ResourceTags;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Crawlers in the catalog's database (schema in {@code V4__crawlers.sql}), one transaction per operation. Tags
 * live in the catalog's {@code tags} table under the crawler's ARN, so TagResource and GetTags work on crawlers.
 */
public final class JdbcCrawlerStore implements CrawlerStore {
    private static final String COLUMNS = "name, document, version, state, schedule_state, create_time, update_time";

    private final Jdbc jdbc;

    public JdbcCrawlerStore(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    @Override
    public void create(StoredCrawler crawler, String arn, Map<String, String> tags) {
        jdbc.inTransaction(c -> {
            ResourceTags.insertTagged(c, "INSERT INTO crawlers (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (name) DO NOTHING", new Object[] {crawler.name(), crawler.document(),
                    crawler.version(), crawler.state(), crawler.scheduleState(), crawler.createTime(),
                    crawler.updateTime()}, arn, tags,
                    () -> GlueException.alreadyExists("Crawler with name %s has already been created.", crawler.name()));
            return null;
        });
    }

    @Override
    public Optional<StoredCrawler> get(String name) {
        return jdbc.read(c -> crawler(c, name, ""));
    }

    @Override
    public Page<StoredCrawler> listCrawlers(String afterName, int limit, Map<String, String> tags, String arnPrefix) {
        return jdbc.read(c -> ResourceTags.pageByName(c, "SELECT " + COLUMNS + " FROM crawlers c", "c.name", afterName,
                limit, tags, arnPrefix, JdbcCrawlerStore::crawler, StoredCrawler::name));
    }

    /** Crawlers whose schedule is running (SCHEDULED), for the scheduler. */
    @Override
    public List<StoredCrawler> scheduled() {
        return jdbc.read(c -> list(c, "SELECT " + COLUMNS + " FROM crawlers WHERE schedule_state = 'SCHEDULED'"
                + " ORDER BY name", JdbcCrawlerStore::crawler));
    }

    /**
     * Replaces a crawler's row with what {@code change} makes of it, the row locked meanwhile so that two updates
     * never lose one another; {@code change} throws a GlueException to refuse (nothing is written).
     */
    @Override
    public StoredCrawler change(String name, UnaryOperator<StoredCrawler> change) {
        return jdbc.inTransaction(c -> {
            StoredCrawler current = crawler(c, name, jdbc.dialect().rowLock(true)).orElseThrow(() ->
                    GlueException.entityNotFound("Crawler entry with name %s does not exist", name));
            StoredCrawler next = change.apply(current);
            update(c, "UPDATE crawlers SET document = ?, version = ?, state = ?, schedule_state = ?, update_time = ?"
                    + " WHERE name = ?", next.document(), next.version(), next.state(), next.scheduleState(),
                    next.updateTime(), name);
            return next;
        });
    }

    /** Deletes the crawler and its tags after {@code check} accepted it (it throws to refuse); false if none. */
    @Override
    public boolean delete(String name, String arn, Consumer<StoredCrawler> check) {
        return jdbc.inTransaction(c -> {
            Optional<StoredCrawler> current = crawler(c, name, jdbc.dialect().rowLock(true));
            if (current.isEmpty()) {
                return false;
            }
            check.accept(current.get());
            update(c, "DELETE FROM crawlers WHERE name = ?", name);
            update(c, "DELETE FROM crawls WHERE crawler_name = ?", name);
            update(c, "DELETE FROM tags WHERE resource_arn = ?", arn);
            return true;
        });
    }

    private static Optional<StoredCrawler> crawler(Connection c, String name, String lock) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM crawlers WHERE name = ?" + lock, JdbcCrawlerStore::crawler, name);
    }

    private static StoredCrawler crawler(ResultSet rs) throws SQLException {
        return new StoredCrawler(rs.getString("name"), rs.getString("document"), rs.getLong("version"),
                rs.getString("state"), rs.getString("schedule_state"), instant(rs, "create_time"),
                instant(rs, "update_time"));
    }
}
