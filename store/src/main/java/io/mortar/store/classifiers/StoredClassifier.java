package io.mortar.store.classifiers;

import java.time.Instant;

/**
 * A custom classifier as stored: its kind (the Glue union member's name: {@code GrokClassifier},
 * {@code XMLClassifier}, {@code JsonClassifier} or {@code CsvClassifier}), that kind's Glue shape as a JSON document
 * (without times and version), its version (1 at creation, +1 per update) and its times.
 */
public record StoredClassifier(String name, String kind, String document, long version, Instant createTime,
                               Instant updateTime) {}
