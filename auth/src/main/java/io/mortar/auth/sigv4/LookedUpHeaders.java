package io.mortar.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A request's headers as an HTTP server already holds them, looked up by name (case-insensitively, every value of
 * every spelling) instead of copied: the verifier reads only the few headers a signature names. Iterating it copies
 * them all, once.
 */
public final class LookedUpHeaders extends AbstractMap<String, List<String>> {
    private final Function<String, List<String>> lookup;
    private final Supplier<Collection<String>> names;
    private Set<Entry<String, List<String>>> copied;

    /**
     * @param lookup every value of the header, whatever the case of the name; empty when the request has none
     * @param names the names the request's headers came with
     */
    public LookedUpHeaders(Function<String, List<String>> lookup, Supplier<Collection<String>> names) {
        this.lookup = requireNonNull(lookup, "lookup");
        this.names = requireNonNull(names, "names");
    }

    /** Every value of the header named {@code name} in any case, in the order they came. */
    List<String> values(String name) {
        return lookup.apply(name);
    }

    @Override
    public List<String> get(Object name) {
        List<String> values = name instanceof String text ? lookup.apply(text) : List.of();
        return values.isEmpty() ? null : values;
    }

    @Override
    public Set<Entry<String, List<String>>> entrySet() {
        if (copied == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            for (String name : names.get()) {
                all.put(name, lookup.apply(name));
            }
            copied = all.entrySet();
        }
        return copied;
    }
}
