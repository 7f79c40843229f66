package org.gan4j.samples.serve;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, each read once with its rule; anything unparsable, out of range or unknown is an
 * {@link IllegalArgumentException} naming the parameter, the value and what was expected (answered with 400).
 */
final class QueryParameters {
    /** Longest query string read, in characters. */
    static final int MAX_QUERY = 1_000;

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param uri     the request URI
     * @param allowed the parameters the endpoint knows
     * @return its parameters
     */
    static QueryParameters of(URI uri, Set<String> allowed) {
        String query = uri.getRawQuery();
        Map<String, String> values = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return new QueryParameters(values);
        }
        if (query.length() > MAX_QUERY) {
            throw new IllegalArgumentException("the query must be at most " + MAX_QUERY + " characters but had "
                    + query.length());
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "': expected " + String.join(", ", allowed));
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("parameter " + name + " is given twice");
            }
        }
        return new QueryParameters(values);
    }

    /** @return whether the parameter is given */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * @return the integer parameter, or {@code fallback} when absent
     */
    int integer(String name, int fallback, int min, int max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        long value = parse(name, text, "an integer in [" + min + ", " + max + "]");
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "] but was " + value);
        }
        return (int) value;
    }

    /** @return the 64-bit seed parameter, or {@code fallback} when absent */
    long seed(String name, long fallback) {
        String text = values.get(name);
        return text == null ? fallback : parse(name, text, "a 64-bit integer");
    }

    /** @return the parameter, which must be present */
    int requiredInteger(String name, int min, int max) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("parameter " + name + " is required: an integer in [" + min + ", " + max + "]");
        }
        return integer(name, min, min, max);
    }

    private static long parse(String name, String text, String expected) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + expected + " but was '" + shorten(text) + "'");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query holds a malformed escape in '" + shorten(text) + "'");
        }
    }
}
