package io.mortar.store.jobs;

import java.time.Instant;

/** A job definition as stored: its Glue {@code Job} document (defaults applied) and its timestamps. */
public record StoredJob(String name, String document, Instant createTime, Instant updateTime) {}
