package io.mortar.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.mortar.server.config.ListenConfig;
import io.mortar.server.config.PemKeyStore;
import io.mortar.server.config.RequestLimits;
import io.mortar.server.config.TlsConfig;
import io.mortar.server.protocol.GlueJsonProtocol;
import java.util.List;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP transport under the Glue API, on Javalin's Jetty: where it listens, over plain HTTP or TLS, the limits
 * that keep clients from exhausting the server ({@link RequestLimits}), the hosts it answers for, and Glue JSON for
 * every answer, whatever refuses the request.
 *
 * <p>Jetty's handlers run before Javalin's servlet, outermost first: {@link MinimumDataRateHandler} fails a body
 * that trickles in, {@link RequestBodyReader} reads bodies without holding threads, within the size limit and the
 * body budget, {@link HostCheck} refuses requests naming a host that is not this server's. The connector (the TLS
 * one with the same limits) closes connections idle for the idle timeout; {@link NetworkConnectionLimit} stops
 * accepting at the connection cap (further clients wait in the listen backlog). {@link GlueErrorPages} answers
 * what Jetty refuses itself; Javalin's own HTTP errors (no route, wrong method) go through the Glue renderer.
 */
public final class HttpEdge {
    /** The TLS versions served: 1.0 and 1.1 are deprecated (RFC 8996). */
    static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

    private HttpEdge() {}

    public static void configure(JavalinConfig cfg, ListenConfig listen) {
        RequestLimits limits = listen.limits();
        cfg.http.maxRequestSize = limits.maxBodyBytes();
        cfg.http.prefer405over404 = true;
        AllowedHosts hosts = AllowedHosts.of(listen);
        LOG.info("Answering requests for hosts: {} (others get 421; add names with mortar.hostnames)",
                hosts.describe());
        cfg.jetty.addConnector((server, httpConfiguration) -> {
            ServerConnector connector = listen.tls().enabled()
                    ? new ServerConnector(server, new SslConnectionFactory(sslContextFactory(listen.tls()),
                            HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(secure(httpConfiguration)))
                    : new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
            connector.setHost(listen.bind());
            connector.setPort(listen.port());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            return connector;
        });
        cfg.jetty.modifyServer(server -> {
            server.setErrorHandler(new GlueErrorPages());
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
            // insertHandler puts each in front of the last: the rate check wraps what the body reader reads, and
            // the body reader what the host check sees.
            server.insertHandler(new HostCheck(hosts));
            BodyBudget budget = new BodyBudget(limits.bodyBudgetBytes());
            server.insertHandler(new RequestBodyReader(limits.maxBodyBytes(), budget));
            server.insertHandler(new MinimumDataRateHandler(limits.minBodyRate(), 0));
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            String allowed = e.getDetails().get("availableMethods");
            if (e.getStatus() == 405 && allowed != null) {
                ctx.header("Allow", allowed);
            }
            GlueJsonProtocol.writeHttpError(ctx, e.getStatus(), switch (e.getStatus()) {
                case 404 -> "No operation at " + ctx.method() + " " + ctx.path() + ": the Glue API is POST / with"
                        + " X-Amz-Target: AWSGlue.<Operation>.";
                case 405 -> ctx.method() + " " + ctx.path() + " is not served here (" + allowed + " is): the Glue API"
                        + " is POST / with X-Amz-Target: AWSGlue.<Operation>.";
                default -> e.getMessage();
            });
        });
    }

    /**
     * TLS 1.2 and 1.3 only (the JDK disables older versions too, but a server should not depend on a JDK's
     * security file for that), from the PEM files read again now.
     */
    static SslContextFactory.Server sslContextFactory(TlsConfig tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        ssl.setKeyStorePassword(PemKeyStore.PASSWORD);
        ssl.setKeyManagerPassword(PemKeyStore.PASSWORD);
        ssl.setIncludeProtocols(TLS_PROTOCOLS.toArray(String[]::new));
        return ssl;
    }

    /**
     * The plain configuration (and the limits on it) with what a TLS request learns from its session. Jetty's check
     * that the Host is a name in the certificate is off: which names a request may give is {@link HostCheck}'s to
     * say, and whether the certificate names the host is the client's to verify.
     */
    private static HttpConfiguration secure(HttpConfiguration plain) {
        HttpConfiguration https = new HttpConfiguration(plain);
        https.addCustomizer(new SecureRequestCustomizer(false));
        return https;
    }
}
