package org.gan4j.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Repeated wall-clock measurements of one operation, summarised by median and spread. */
record Timings(double[] seconds) {

    Timings {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("seconds must not be empty");
        }
        seconds = seconds.clone();
        Arrays.sort(seconds);
    }

    static Timings ofNanos(long[] nanos) {
        return new Timings(Arrays.stream(nanos).mapToDouble(n -> n / 1e9).toArray());
    }

    double median() {
        int n = seconds.length;
        return n % 2 == 1 ? seconds[n / 2] : (seconds[n / 2 - 1] + seconds[n / 2]) / 2;
    }

    double min() {
        return seconds[0];
    }

    double max() {
        return seconds[seconds.length - 1];
    }

    /** @return the lower and upper quartiles (nearest rank) */
    double[] quartiles() {
        int n = seconds.length;
        return new double[] {seconds[(n - 1) / 4], seconds[(3 * (n - 1)) / 4]};
    }

    /** @return the figures under {@code prefix_median} etc., in seconds */
    Map<String, Object> asMap(String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "_median", median());
        m.put(prefix + "_min", min());
        m.put(prefix + "_q1", quartiles()[0]);
        m.put(prefix + "_q3", quartiles()[1]);
        m.put(prefix + "_max", max());
        m.put(prefix + "_count", seconds.length);
        return m;
    }

    String describeMillis() {
        double[] q = quartiles();
        return String.format("median %.2f ms (min %.2f, IQR %.2f-%.2f, max %.2f, n=%d)", median() * 1e3, min() * 1e3,
                q[0] * 1e3, q[1] * 1e3, max() * 1e3, seconds.length);
    }
}
