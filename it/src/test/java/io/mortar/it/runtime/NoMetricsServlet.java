package io.mortar.it.runtime;

import com.codahale.metrics.MetricRegistry;
import java.util.Properties;
import org.apache.spark.SparkConf;
import org.apache.spark.metrics.sink.MetricsServlet;
import org.sparkproject.jetty.servlet.ServletContextHandler;

/**
 * Spark's metrics servlet without its servlet. A SparkContext builds the metrics servlet's Jetty handler even with
 * the UI off, and Spark's (shaded) Jetty 11 needs Servlet 5 classes that the Servlet 6 API of the Mortar server
 * (Jetty 12) no longer has; with this sink in its place no handler is built, so a TestServer and a SparkSession
 * share one test JVM.
 */
public final class NoMetricsServlet extends MetricsServlet {
    public NoMetricsServlet(Properties property, MetricRegistry registry) {
        super(property, registry);
    }

    @Override
    public ServletContextHandler[] getHandlers(SparkConf conf) {
        return new ServletContextHandler[0];
    }
}
