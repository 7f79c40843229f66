package org.gan4j.dl4j.internal.exec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/** Silences {@code System.out} around SameDiff calls that print unconditionally (gradient function creation). */
public final class Stdout {
    private static final Object LOCK = new Object();
    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    private Stdout() {
    }

    /**
     * Runs an action with {@code System.out} discarded.
     *
     * @param action the action
     * @param <T>    its result type
     * @return its result
     */
    public static <T> T silenced(Supplier<T> action) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(NULL);
            try {
                return action.get();
            } finally {
                System.setOut(original);
            }
        }
    }
}
