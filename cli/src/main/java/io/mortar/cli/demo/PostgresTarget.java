package io.mortar.cli.demo;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where {@code mortar demo} writes its summary table: a PostgreSQL JDBC URL with the user and password in its query
 * ({@code jdbc:postgresql://host:port/db?user=U&password=P}), taken apart into what a Glue JDBC connection holds
 * ({@code JDBC_CONNECTION_URL} without the credentials, {@code USERNAME}, {@code PASSWORD}).
 *
 * @param url the JDBC URL without {@code user} and {@code password} (other parameters kept)
 * @param explicit given by the user ({@code --postgres} or {@value #VARIABLE}) rather than the default: then a
 *     PostgreSQL that does not answer is an error, not a reason to fall back
 * @param origin where the URL came from, for messages
 */
record PostgresTarget(String url, String user, String password, boolean explicit, String origin) {
    static final String VARIABLE = "MORTAR_DEMO_POSTGRES_URL";
    /** The local server and role {@code bin/test} sets up. */
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/mortar_test?user=mortar_test"
            + "&password=mortar_test";
    /** {@code --postgres none}: no PostgreSQL, the summary goes to the lake. */
    static final String NONE = "none";

    /**
     * The target from the flag, else the environment, else the default; empty for {@code none}.
     *
     * @throws IllegalArgumentException for a URL that is not PostgreSQL's or has no user
     */
    static Optional<PostgresTarget> choose(String flag, Map<String, String> environment) {
        String variable = environment.get(VARIABLE);
        if (flag != null && !flag.isBlank()) {
            return parse(flag.strip(), true, "--postgres");
        }
        if (variable != null && !variable.isBlank()) {
            return parse(variable.strip(), true, VARIABLE);
        }
        return parse(DEFAULT_URL, false, "the default, bin/test's local PostgreSQL");
    }

    static Optional<PostgresTarget> parse(String text, boolean explicit, String origin) {
        if (text.equalsIgnoreCase(NONE)) {
            return Optional.empty();
        }
        if (!text.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(origin + " must be a PostgreSQL JDBC URL such as " + DEFAULT_URL
                    + " (or 'none'), not '" + text + "'");
        }
        int query = text.indexOf('?');
        String base = query < 0 ? text : text.substring(0, query);
        String user = null;
        String password = null;
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String pair : text.substring(query + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
                switch (kv[0]) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> kept.add(pair);
                }
            }
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException(origin + " must name the user and password in its query, as in "
                    + base + "?user=NAME&password=SECRET; a Glue connection needs both");
        }
        String url = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
        return Optional.of(new PostgresTarget(url, user, password == null ? "" : password, explicit,
                origin));
    }

    /** The URL's host, for psql. */
    String host() {
        return authority().map(a -> a.lastIndexOf(':') < 0 ? a : a.substring(0, a.lastIndexOf(':')))
                .orElse("localhost");
    }

    /** The URL's port, for psql. */
    String port() {
        return authority().filter(a -> a.lastIndexOf(':') >= 0).map(a -> a.substring(a.lastIndexOf(':') + 1))
                .orElse("5432");
    }

    /** host[:port] of a {@code jdbc:postgresql://host:port/db} URL; empty for {@code jdbc:postgresql:db}. */
    private Optional<String> authority() {
        String rest = url.substring("jdbc:postgresql:".length());
        return rest.startsWith("//") ? Optional.of(rest.substring(2).split("[/?]", 2)[0]) : Optional.empty();
    }

    String database() {
        String base = url.split("\\?", 2)[0];
        String rest = base.substring("jdbc:postgresql:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            return slash < 0 ? user : rest.substring(slash + 1);
        }
        return rest;
    }

    /** A psql command that runs {@code sql} on this database (psql asks for the password if it needs it). */
    String psql(String sql) {
        return "psql \"host=" + host() + " port=" + port() + " dbname=" + database() + " user=" + user + "\" -c \""
                + sql + "\"";
    }

    /** The URL with the user, never the password: for messages. */
    String display() {
        return url + (url.contains("?") ? "&" : "?") + "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
    }
}
