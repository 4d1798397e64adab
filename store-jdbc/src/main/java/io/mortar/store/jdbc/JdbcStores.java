package io.mortar.store.jdbc;

import static java.util.Objects.requireNonNull;

import io.mortar.store.Stores;
import io.mortar.store.auth.AccessKeyStore;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.classifiers.ClassifierStore;
import io.mortar.store.connections.ConnectionStore;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.events.EventStore;
import io.mortar.store.jdbc.auth.JdbcAccessKeyStore;
import io.mortar.store.jdbc.catalog.JdbcCatalogStore;
import io.mortar.store.jdbc.classifiers.JdbcClassifierStore;
import io.mortar.store.jdbc.connections.JdbcConnectionStore;
import io.mortar.store.jdbc.crawlers.JdbcCrawlStore;
import io.mortar.store.jdbc.crawlers.JdbcCrawlerStore;
import io.mortar.store.jdbc.events.JdbcEventStore;
import io.mortar.store.jdbc.jobs.JdbcBookmarkStore;
import io.mortar.store.jdbc.jobs.JdbcJobStore;
import io.mortar.store.jdbc.triggers.JdbcTriggerStore;
import io.mortar.store.jdbc.workflows.JdbcWorkflowStore;
import io.mortar.store.jobs.BookmarkStore;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.WorkflowStore;

/**
 * Every resource's store in one SQLite file or PostgreSQL database: one set of connection pools, one schema (brought
 * up to date when opened), one transaction discipline.
 */
public final class JdbcStores implements Stores {
    private final Jdbc jdbc;
    private final JdbcCatalogStore catalog;
    private final JdbcConnectionStore connections;
    private final JdbcJobStore jobs;
    private final JdbcBookmarkStore bookmarks;
    private final JdbcCrawlerStore crawlers;
    private final JdbcCrawlStore crawls;
    private final JdbcClassifierStore classifiers;
    private final JdbcTriggerStore triggers;
    private final JdbcWorkflowStore workflows;
    private final JdbcEventStore events;
    private final JdbcAccessKeyStore accessKeys;

    private JdbcStores(Jdbc jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
        this.catalog = new JdbcCatalogStore(jdbc);
        this.connections = new JdbcConnectionStore(jdbc);
        this.jobs = new JdbcJobStore(jdbc);
        this.bookmarks = new JdbcBookmarkStore(jdbc);
        this.crawlers = new JdbcCrawlerStore(jdbc);
        this.crawls = new JdbcCrawlStore(jdbc);
        this.classifiers = new JdbcClassifierStore(jdbc);
        this.triggers = new JdbcTriggerStore(jdbc);
        this.workflows = new JdbcWorkflowStore(jdbc);
        this.events = new JdbcEventStore(jdbc);
        this.accessKeys = new JdbcAccessKeyStore(jdbc);
    }

    /** Opens the store, creating it or migrating its schema first when needed. */
    public static JdbcStores open(StoreSettings settings) {
        return new JdbcStores(new Jdbc(settings));
    }

    /** Brings SQLite's planner statistics up to date now (PostgreSQL's autovacuum does it by itself). */
    public void refreshStatistics() {
        jdbc.refreshStatistics();
    }

    @Override
    public CatalogStore catalog() {
        return catalog;
    }

    @Override
    public ConnectionStore connections() {
        return connections;
    }

    @Override
    public JobStore jobs() {
        return jobs;
    }

    @Override
    public BookmarkStore bookmarks() {
        return bookmarks;
    }

    @Override
    public TriggerStore triggers() {
        return triggers;
    }

    @Override
    public WorkflowStore workflows() {
        return workflows;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public AccessKeyStore accessKeys() {
        return accessKeys;
    }

    @Override
    public CrawlerStore crawlers() {
        return crawlers;
    }

    @Override
    public CrawlStore crawls() {
        return crawls;
    }

    @Override
    public ClassifierStore classifiers() {
        return classifiers;
    }

    @Override
    public void close() {
        jdbc.close();
    }
}
