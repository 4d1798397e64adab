package io.mortar.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mortar.model.GlueJson;
import java.io.IOException;
import java.util.Optional;

/**
 * A server answered with a status other than 2xx. The message is one line with what the server said: Glue's
 * {@code {"__type", "Message"}} as {@code Type: Message}; otherwise the call, the status and the body's
 * {@code message} (or the body itself, cut short).
 */
public final class HttpStatusException extends RuntimeException {
    private static final int LONGEST_BODY = 200;

    private final int status;

    HttpStatusException(HttpAnswer answer, String notFoundHint) {
        super(message(answer, notFoundHint));
        this.status = answer.status();
    }

    public int status() {
        return status;
    }

    private static String message(HttpAnswer answer, String notFoundHint) {
        Optional<JsonNode> json = json(answer.text());
        if (json.isPresent() && json.get().hasNonNull("__type")) {
            return json.get().path("__type").asText() + ": " + json.get().path("Message").asText();
        }
        String said = json.map(j -> j.path("message").asText("")).filter(m -> !m.isBlank())
                .orElse(answer.text()).strip().replace('\n', ' ');
        if (said.length() > LONGEST_BODY) {
            said = said.substring(0, LONGEST_BODY - 1) + "…";
        }
        return answer.method() + " " + answer.uri() + " answered " + answer.status()
                + (said.isEmpty() ? "" : ": " + said)
                + (answer.status() == 404 && notFoundHint != null ? " (" + notFoundHint + ")" : "");
    }

    private static Optional<JsonNode> json(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(GlueJson.mapper().readTree(text)).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
