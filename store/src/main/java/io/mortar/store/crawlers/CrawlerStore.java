package io.mortar.store.crawlers;

import io.mortar.store.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Crawler definitions. Every method is one atomic transaction. Tags live under the crawler's ARN with every other
 * resource's tags, so TagResource and GetTags work on crawlers.
 */
public interface CrawlerStore {

    /**
     * Creates the crawler with exactly these tags.
     *
     * @throws io.mortar.model.GlueException ALREADY_EXISTS
     */
    void create(StoredCrawler crawler, String arn, Map<String, String> tags);

    Optional<StoredCrawler> get(String name);

    /**
     * Crawlers in name order after {@code afterName}; with tags, only those carrying every one of them (a crawler's
     * ARN is {@code arnPrefix} followed by its name).
     */
    Page<StoredCrawler> listCrawlers(String afterName, int limit, Map<String, String> tags, String arnPrefix);

    /** Crawlers whose schedule is running (SCHEDULED), in name order, for the scheduler. */
    List<StoredCrawler> scheduled();

    /**
     * Replaces a crawler with what {@code change} makes of it, the crawler locked meanwhile so that two updates
     * never lose one another; {@code change} throws a GlueException to refuse (nothing is written).
     *
     * @throws io.mortar.model.GlueException ENTITY_NOT_FOUND
     */
    StoredCrawler change(String name, UnaryOperator<StoredCrawler> change);

    /**
     * Deletes the crawler, its crawls and its tags after {@code check} accepted it (it throws to refuse); false if
     * there is no such crawler.
     */
    boolean delete(String name, String arn, Consumer<StoredCrawler> check);
}
