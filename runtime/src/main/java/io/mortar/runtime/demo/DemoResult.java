package io.mortar.runtime.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * How the demo's jobs report what they did to {@code mortar demo}: one line of the driver log (which the command
 * reads through {@code GET /runs/{id}/log}), {@value #MARKER} followed by a JSON object.
 */
public final class DemoResult {
    public static final String MARKER = "MORTAR-DEMO-RESULT ";

    private DemoResult() {}

    static void print(Map<String, Object> result) {
        try {
            System.out.println(MARKER + new ObjectMapper().writeValueAsString(result));
            System.out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the demo's result as JSON", e);
        }
    }
}
