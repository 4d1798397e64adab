package io.mortar.crawler.grok;

import io.krakens.grok.api.GrokCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The built-in patterns Glue's Grok classifiers accept. Glue's documented list is the java-grok library's
 * {@code patterns/patterns} (Logstash's grok-patterns as forked from Logstash 1.4, with {@code :UNWANTED} inner
 * captures and {@code COMMONAPACHELOG_DATATYPED}), so that file is the set, read by the library's own loader; the
 * few lines where Glue's list differs from it are in {@code glue-patterns} beside this class and override it.
 */
final class GrokPatternLibrary {
    private static final String GLUE_DIFFERENCES = "glue-patterns";

    /** Pattern name → its definition (regex with references). */
    static final Map<String, String> BUILT_INS = load();

    private static Map<String, String> load() {
        GrokCompiler patterns = GrokCompiler.newInstance();
        patterns.registerDefaultPatterns();
        try (InputStream glue = GrokPatternLibrary.class.getResourceAsStream(GLUE_DIFFERENCES)) {
            if (glue == null) {
                throw new IllegalStateException("missing resource " + GLUE_DIFFERENCES);
            }
            patterns.register(glue);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(patterns.getPatternDefinitions());
    }

    private GrokPatternLibrary() {
    }
}
