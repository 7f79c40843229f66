package org.gan4j.dl4j.internal.exec;

import org.gan4j.dl4j.internal.ops.OpenMpThreads;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's op threading switched to one thread per calling thread, for callers that run ops side by side, and back:
 * libnd4j's loops ({@code Environment} master threads, process-wide) and OpenMP's team size, which
 * oneDNN's convolutions take from the calling thread's own setting ({@code omp_set_num_threads} applies to the thread
 * that calls it). Measured, two callers each running ten 3×3 convolutions 64 → 64 on [8, 64, 7, 7] and their
 * gradients: 28–29 ms one after the other with two threads per op, 20–21 ms side by side with one, as in a process
 * started with one thread; with only the process-wide settings changed, the two callers' OpenMP teams of two
 * oversubscribed the cores (31 ms). OpenBLAS's pool is left as it is: {@code openblas_set_num_threads} takes 0.24 ms
 * per call here, and OpenBLAS serves concurrent callers by itself. libnd4j's {@code Environment} max threads is not
 * switched: {@code setMaxThreads} changes nothing in 1.0.0-M2.1; the Java passes ({@code Halves}) follow the calling
 * thread's OpenMP team size instead ({@link OpenMpThreads}).
 */
final class OneThreadPerCaller implements AutoCloseable {
    private final int masterThreads;
    private final int openMpThreads;

    private OneThreadPerCaller() {
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        openMpThreads = OpenMpThreads.current();
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        forCurrentThread();
    }

    /** @return the settings switched to one thread, for the calling thread and process-wide, until {@link #close} */
    static OneThreadPerCaller enter() {
        return new OneThreadPerCaller();
    }

    /** Sets OpenMP's team size of the calling thread (a second caller) to one. */
    static void forCurrentThread() {
        OpenMpThreads.set(1);
    }

    /** Restores the settings found by {@link #enter}, on the thread that called it. */
    @Override
    public void close() {
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
        OpenMpThreads.set(openMpThreads);
    }
}
