package io.mortar.server.http;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses, before any route or signature check, a request that names a host this server does not answer to
 * ({@link AllowedHosts}): 421 {@code MisdirectedRequestException}. This is what stops DNS rebinding, where a web page
 * on evil.example makes its own name resolve to this server and then calls the API from the victim's browser, which
 * sends {@code Host: evil.example}.
 *
 * <p>The name checked is the authority Jetty gives the request: the {@code Host} header's host, or an absolute
 * request target's (Jetty refuses the two differing, and an HTTP/1.1 request without Host, with 400); an HTTP/1.0
 * request without Host names no host and has the address it reached as its authority. It sits after
 * {@link RequestBodyReader}, so a client that writes its whole body before reading (as the AWS SDK does) reads the
 * refusal instead of a reset connection; a misdirected request is never routed.
 */
final class HostCheck extends Handler.Wrapper {
    private final AllowedHosts allowed;

    HostCheck(AllowedHosts allowed) {
        this.allowed = requireNonNull(allowed, "allowed");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHttpURI().getHost();
        if (host != null && allowed.allows(host)) {
            return super.handle(request, response, callback);
        }
        String name = host == null ? "" : host.replace("[", "").replace("]", "");
        CoreErrorResponse.write(response, callback, GlueErrorCode.MISDIRECTED_REQUEST, "The request is for host "
                + request.getHttpURI().getAuthority() + ", which is not a name this server answers to: a request"
                + " naming another host may come from a web page that made its own name resolve to this server (DNS"
                + " rebinding). If clients do reach this server by that name, add it to mortar.hostnames"
                + " (--hostname " + name + ").");
        return true;
    }
}
