package io.mortar.server.http;

import io.mortar.server.protocol.GlueJsonProtocol;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's own error responses in the Glue shape instead of its HTML pages: what Jetty refuses before any handler
 * sees the request (a bad request line or header: 400; a URI too long: 414; headers too large: 431) and what a
 * handler leaves to Jetty ({@code Response.writeError}). The message is Jetty's reason (never a stack or a cause's
 * text), and the connection closes after it: Jetty does not read another request from it.
 */
final class GlueErrorPages extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(GlueErrorPages.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = null;
        Throwable cause = (Throwable) request.getAttribute(ERROR_EXCEPTION);
        if (cause instanceof HttpException http) {
            status = http.getCode();
            reason = http.getReason();
        } else if (cause != null) {
            LOG.warn("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), cause);
        }
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500; // an error without an error status is a fault of ours
        }
        if (reason == null && status < 500) {
            reason = (String) request.getAttribute(ERROR_MESSAGE);
        }
        String name = HttpStatus.getMessage(status);
        String message = "HTTP " + status + " " + name
                + (reason == null || reason.isBlank() || reason.equalsIgnoreCase(name) ? "" : ": " + reason);
        CoreErrorResponse.write(response, callback, status, GlueJsonProtocol.codeForHttpStatus(status), message + ".");
        return true;
    }
}
