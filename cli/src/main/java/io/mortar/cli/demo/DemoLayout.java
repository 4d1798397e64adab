package io.mortar.cli.demo;

import java.nio.file.Path;

/**
 * Where {@code mortar demo} puts things: its folders under {@code --dir}, and the bucket, paths and catalog names the
 * steps share.
 *
 * @param dir the demo directory ({@code --dir})
 */
record DemoLayout(Path dir) {
    static final String BUCKET = "demo";
    static final String DATABASE = "demo";
    static final String RAW_TABLE = "tickets";
    static final String TAGGED_TABLE = "tickets_tagged";
    static final String RAW_PATH = "s3://demo/raw/tickets/";
    static final String RULES_PATH = "s3://demo/rules/rules.csv";
    static final String TAGGED_PATH = "s3://demo/tagged/tickets/";
    static final String S3_ACCESS_KEY = "mortar-demo";
    static final String S3_SECRET_KEY = "mortar-demo-secret";

    /** S3Proxy's work directory: its configuration, log and buckets. */
    Path s3Dir() {
        return dir.resolve("s3");
    }

    /** The Mortar server's data directory: the catalog and the job runs' logs. */
    Path mortarDir() {
        return dir.resolve("mortar");
    }

    Path driverLog(String runId) {
        return mortarDir().resolve("runs").resolve(runId).resolve("driver.log");
    }
}
