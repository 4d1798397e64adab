package io.mortar.server.http;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueErrorCode;
import io.mortar.server.config.ByteSize;
import io.mortar.server.config.RequestLimits;
import io.mortar.server.protocol.GlueJsonProtocol;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each request's body into memory before the request goes on to Javalin, by Jetty's demand callbacks: while a
 * body arrives no thread waits for it, so a slow or stalled client costs a connection and the bytes it sent, never
 * a worker thread. A body over {@code mortar.http.max-body-size} is refused (413) before any of it is read when its
 * Content-Length says so, and as soon as it passes the limit when it is chunked; every body is reserved in the
 * {@link BodyBudget} before it is read, and one that does not fit is refused with ThrottlingException at once. The
 * body goes on as {@link GlueJsonProtocol#BODY_ATTRIBUTE} and as the request's content.
 */
final class RequestBodyReader extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(RequestBodyReader.class);
    /** A chunked body grows its buffer (and reservation) from this size, doubling. */
    private static final int FIRST_CHUNKED_CAPACITY = 16 << 10;

    private final long maxBodyBytes;
    private final BodyBudget budget;

    RequestBodyReader(long maxBodyBytes, BodyBudget budget) {
        this.maxBodyBytes = maxBodyBytes;
        this.budget = requireNonNull(budget, "budget");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        boolean chunked = declared < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (declared == 0 || declared < 0 && !chunked) {
            return super.handle(request, response, callback); // no body
        }
        if (declared > maxBodyBytes) {
            refuse(request, response, callback, 0, GlueErrorCode.REQUEST_TOO_LARGE, tooLarge());
            return true;
        }
        int capacity = (int) (chunked ? Math.min(FIRST_CHUNKED_CAPACITY, maxBodyBytes) : declared);
        if (!budget.tryReserve(capacity)) {
            refuse(request, response, callback, 0, GlueErrorCode.THROTTLING, throttled(capacity));
            return true;
        }
        new BodyRead(request, response, callback, capacity, !chunked).run();
        return true;
    }

    /**
     * Answers a request whose body will not be kept, then reads and discards the rest of that body (up to twice the
     * size limit, at the minimum rate) before the connection closes: a client such as the AWS SDK writes its whole
     * body before it reads, and would otherwise see the connection reset instead of the answer. A larger body is
     * cut off once the answer is written.
     *
     * @param alreadyRead the bytes of the body read so far
     */
    private void refuse(Request request, Response response, Callback callback, long alreadyRead, GlueErrorCode code,
                        String message) {
        Discard discard = new Discard(request, callback, alreadyRead);
        CoreErrorResponse.write(response, Callback.from(discard, callback::failed), code, message);
    }

    private String tooLarge() {
        return "The request body is larger than this server accepts (mortar.http.max-body-size: "
                + ByteSize.format(maxBodyBytes) + ").";
    }

    private String throttled(long bytes) {
        return "Rate exceeded: request bodies being read or handled fill this server's budget"
                + " (mortar.http.body-budget: " + ByteSize.format(budget.capacity()) + "), " + bytes
                + " more bytes do not fit; retry later.";
    }

    /** One body being read: the demand callback that reads what has arrived, then hands the request on. */
    private final class BodyRead implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final boolean exactLength;
        private byte[] body;
        private int size;

        BodyRead(Request request, Response response, Callback callback, int capacity, boolean exactLength) {
            this.request = request;
            this.response = response;
            this.exactLength = exactLength;
            this.body = new byte[capacity];
            // The reservation follows the buffer and is given back only once the response is written.
            this.callback = new Callback.Nested(callback) {
                @Override
                public void completed() {
                    budget.release(body.length);
                }
            };
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    failed(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                boolean kept;
                try {
                    kept = append(chunk.getByteBuffer());
                } finally {
                    chunk.release();
                }
                if (!kept) {
                    return;
                }
                if (last) {
                    handOn();
                    return;
                }
            }
        }

        /** Copies what arrived into the body; false when the request has been refused instead. */
        private boolean append(ByteBuffer bytes) {
            int n = bytes.remaining();
            long total = (long) size + n;
            if (total > body.length) {
                if (total > maxBodyBytes) {
                    refuse(request, response, callback, total, GlueErrorCode.REQUEST_TOO_LARGE, tooLarge());
                    return false;
                }
                // Only a chunked body grows (Jetty holds a Content-Length body to its length).
                int capacity = (int) Math.min(maxBodyBytes, Math.max(total, 2L * body.length));
                if (!budget.tryReserve(capacity - body.length)) {
                    refuse(request, response, callback, total, GlueErrorCode.THROTTLING,
                            throttled(capacity - body.length));
                    return false;
                }
                body = Arrays.copyOf(body, capacity);
            }
            bytes.get(body, size, n);
            size = Math.toIntExact(total);
            return true;
        }

        private void failed(Throwable failure) {
            if (failure instanceof TimeoutException) {
                // Jetty's idle timeout, or MinimumDataRateHandler: the client stopped or trickles.
                LOG.debug("Request body of {} timed out after {} bytes", request.getHttpURI().getPath(), size,
                        failure);
                CoreErrorResponse.write(response, callback, GlueErrorCode.REQUEST_TIMEOUT, "The request body did not"
                        + " arrive in time (after " + size + " bytes): it stopped, or came slower than"
                        + " mortar.http.min-body-rate.");
            } else {
                callback.failed(failure); // the client went away: nobody to answer
            }
        }

        private void handOn() {
            byte[] complete = exactLength || size == body.length ? body : Arrays.copyOf(body, size);
            request.setAttribute(GlueJsonProtocol.BODY_ATTRIBUTE, complete);
            Request buffered = new BufferedBodyRequest(request, complete);
            try {
                if (!getHandler().handle(buffered, response, callback)) {
                    Response.writeError(buffered, response, callback, 404);
                }
            } catch (Throwable e) {
                Response.writeError(buffered, response, callback, e);
            }
        }
    }

    /** The demand callback that reads and drops what is left of a refused body, then ends the exchange. */
    private final class Discard implements Runnable {
        private final Request request;
        private final Callback callback;
        private long read;

        Discard(Request request, Callback callback, long alreadyRead) {
            this.request = request;
            this.callback = callback;
            this.read = alreadyRead;
        }

        @Override
        public void run() {
            while (true) {
                if (read > 2 * maxBodyBytes || request.getLength() > 2 * maxBodyBytes) {
                    callback.succeeded(); // the answer is written; Jetty closes the connection on the rest
                    return;
                }
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    callback.failed(chunk.getFailure());
                    return;
                }
                read += chunk.remaining();
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    callback.succeeded();
                    return;
                }
            }
        }
    }

    /** The request as the handlers after this one see it: its body already read, served from memory. */
    private static final class BufferedBodyRequest extends Request.Wrapper {
        private Content.Chunk content;

        BufferedBodyRequest(Request request, byte[] body) {
            super(request);
            this.content = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = content;
            content = Content.Chunk.EOF;
            return next;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run(); // everything is here
        }
    }
}
