package org.gan4j.dl4j;

import org.gan4j.dl4j.internal.exec.OpProfile;

/**
 * Per-op timings of compiled training phases, for benchmarks: on when the JVM runs with {@value #PROPERTY}{@code =true}
 * (read once, when gan4j is loaded); every op of an execution plan and the phases' sections (update, norm, statistics)
 * are timed, at some cost to speed.
 *
 * @since 0.1.0
 */
public final class Profiling {
    /** The system property that turns profiling on. */
    public static final String PROPERTY = "gan4j.profile";

    private Profiling() {
    }

    /** @return whether ops are being timed */
    public static boolean enabled() {
        return OpProfile.ENABLED;
    }

    /** Forgets every time recorded so far (after a warm-up, say). */
    public static void reset() {
        OpProfile.reset();
    }

    /**
     * @param runs the number of training iterations the recorded times cover
     * @return a table of the recorded times, largest first, per iteration
     */
    public static String table(int runs) {
        return OpProfile.table(runs);
    }
}
