package io.mortar.store;

import io.mortar.store.auth.AccessKeyStore;
import io.mortar.store.catalog.CatalogStore;
import io.mortar.store.classifiers.ClassifierStore;
import io.mortar.store.connections.ConnectionStore;
import io.mortar.store.crawlers.CrawlStore;
import io.mortar.store.crawlers.CrawlerStore;
import io.mortar.store.events.EventStore;
import io.mortar.store.jobs.BookmarkStore;
import io.mortar.store.jobs.JobStore;
import io.mortar.store.triggers.TriggerStore;
import io.mortar.store.workflows.WorkflowStore;

/**
 * Every resource's store over one database, opened (and its schema brought up to date) together and closed
 * together. Services depend on the one interface they need, never on this bundle or an implementation; the server
 * hands each its store. A new resource is a new interface here beside these, an
 * implementation in {@code store-jdbc} with its migration, and a contract test there run on every backend.
 */
public interface Stores extends AutoCloseable {
    CatalogStore catalog();

    ConnectionStore connections();

    JobStore jobs();

    BookmarkStore bookmarks();

    CrawlerStore crawlers();

    CrawlStore crawls();

    ClassifierStore classifiers();

    TriggerStore triggers();

    WorkflowStore workflows();

    EventStore events();

    AccessKeyStore accessKeys();

    @Override
    void close();
}
