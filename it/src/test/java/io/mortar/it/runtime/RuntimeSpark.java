package io.mortar.it.runtime;

import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession these tests share within the it JVM (local[2], loopback, never stopped by a test). To be
 * replaced by the harness's {@code io.mortar.it.harness.ItSpark} once it lands, so the it JVM has one session.
 */
final class RuntimeSpark {
    private static SparkSession session;

    private RuntimeSpark() {}

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("mortar-it")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.metrics.conf.*.sink.servlet.class", NoMetricsServlet.class.getName())
                    .getOrCreate();
        }
        return session;
    }
}
