package io.mortar.server.http;

import io.mortar.model.GlueErrorCode;
import io.mortar.server.protocol.GlueJsonProtocol;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A Glue error written by Jetty's layer of the edge, below Javalin: the body and headers {@link GlueJsonProtocol}
 * gives every error, and {@code Connection: close}, since each of these ends a request whose body was not read (or
 * not understood), so the connection cannot carry another.
 */
final class CoreErrorResponse {
    private CoreErrorResponse() {}

    static void write(Response response, Callback callback, GlueErrorCode code, String message) {
        write(response, callback, code.httpStatus(), code, message);
    }

    /** With an HTTP status of its own (Jetty's 414 or 431, say) rather than the code's. */
    static void write(Response response, Callback callback, int status, GlueErrorCode code, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, GlueJsonProtocol.CONTENT_TYPE);
        response.getHeaders().put(GlueJsonProtocol.ERROR_TYPE_HEADER, code.wireName());
        response.getHeaders().put(GlueJsonProtocol.REQUEST_ID_HEADER, UUID.randomUUID().toString());
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(GlueJsonProtocol.errorJson(code, message)), callback);
    }
}
