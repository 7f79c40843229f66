package org.gan4j.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints a benchmark's human line and its {@code RESULT {json}} line, in the format of the PyTorch references. */
final class Report {
    /** How the native allocator was set up, stated in every result. */
    static String allocator = "unchanged";

    private final Map<String, Object> figures = new LinkedHashMap<>();

    Report(String benchmark) {
        figures.put("benchmark", benchmark);
        figures.put("impl", "gan4j");
        figures.put("threads", threads());
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("allocator", allocator);
    }

    /** @return the thread count ND4J runs with (OMP_NUM_THREADS, set by the exec configuration) */
    static int threads() {
        String value = System.getenv("OMP_NUM_THREADS");
        return value == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(value.trim());
    }

    Report put(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    Report putAll(Map<String, Object> values) {
        figures.putAll(values);
        return this;
    }

    void print(PrintStream out, String human) {
        out.println(human);
        try {
            out.println("RESULT " + new ObjectMapper().writeValueAsString(figures));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result of " + figures.get("benchmark") + " as JSON", e);
        }
        out.flush();
    }
}
