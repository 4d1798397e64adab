package io.mortar.server.config;

import org.apache.hadoop.conf.Configuration;

/** The Hadoop configuration through which the server itself (crawls, the event watcher) reaches S3. */
public final class HadoopConfigurations {
    private HadoopConfigurations() {}

    /**
     * The S3 settings, asking S3A to fail fast rather than retry a missing object or a failed listing for minutes
     * (a crawl reads a few bytes of many files; a watcher lists again on its next pass).
     */
    public static Configuration forServer(S3Config s3) {
        Configuration conf = new Configuration();
        s3.hadoopSettings().forEach(conf::set);
        conf.setIfUnset("fs.s3a.attempts.maximum", "3");
        conf.setIfUnset("fs.s3a.retry.limit", "3");
        return conf;
    }
}
