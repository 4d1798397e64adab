package io.mortar.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.mortar.server.config.ListenConfig;
import io.mortar.server.config.RequestLimits;
import io.mortar.server.protocol.GlueJsonProtocol;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;

/**
 * The HTTP transport under the Glue API, on Javalin's Jetty: where it listens and the limits that keep clients
 * from exhausting the server ({@link RequestLimits}), and Glue JSON for every answer, whatever refuses the request.
 *
 * <p>Jetty's handlers run before Javalin's servlet, outermost first: {@link MinimumDataRateHandler} fails a body
 * that trickles in, {@link RequestBodyReader} reads bodies without holding threads, within the size limit and the
 * body budget. The connector closes connections idle for the idle timeout; {@link NetworkConnectionLimit} stops
 * accepting at the connection cap (further clients wait in the listen backlog). {@link GlueErrorPages} answers
 * what Jetty refuses itself; Javalin's own HTTP errors (no route, wrong method) go through the Glue renderer.
 */
public final class HttpEdge {
    private HttpEdge() {}

    public static void configure(JavalinConfig cfg, ListenConfig listen) {
        RequestLimits limits = listen.limits();
        cfg.http.maxRequestSize = limits.maxBodyBytes();
        cfg.http.prefer405over404 = true;
        cfg.jetty.addConnector((server, httpConfiguration) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
            connector.setHost(listen.bind());
            connector.setPort(listen.port());
            connector.setIdleTimeout(limits.idleTimeout().toMillis());
            return connector;
        });
        cfg.jetty.modifyServer(server -> {
            server.setErrorHandler(new GlueErrorPages());
            server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
            // insertHandler puts each in front of the last: the rate check wraps what the body reader reads.
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
}
