package org.gan4j.dl4j.internal.exec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's op threading switched to one thread per calling thread, for callers that run ops side by side, and back:
 * libnd4j's loops ({@code Environment} max threads and master threads, process-wide) and OpenMP's team size, which
 * oneDNN's convolutions take from the calling thread's own setting ({@code omp_set_num_threads} applies to the thread
 * that calls it). Measured, two callers each running ten 3×3 convolutions 64 → 64 on [8, 64, 7, 7] and their
 * gradients: 28–29 ms one after the other with two threads per op, 20–21 ms side by side with one, as in a process
 * started with one thread; with only the process-wide settings changed, the two callers' OpenMP teams of two
 * oversubscribed the cores (31 ms). OpenBLAS's pool is left as it is: {@code openblas_set_num_threads} takes 0.24 ms
 * per call here, and OpenBLAS serves concurrent callers by itself.
 *
 * <p>The OpenMP setting goes through the native backend's {@code NativeOps} (nd4j-native-api, found at run time: the
 * library compiles against nd4j-api alone); on a backend without it only the process-wide settings change.
 */
final class OneThreadPerCaller implements AutoCloseable {
    private static final MethodHandle SET_OPEN_MP = openMp("setOmpNumThreads", MethodType.methodType(void.class, int.class));
    private static final MethodHandle GET_OPEN_MP = openMp("ompGetMaxThreads", MethodType.methodType(int.class));
    private final int maxThreads;
    private final int masterThreads;
    private final int openMpThreads;

    private OneThreadPerCaller() {
        maxThreads = Nd4j.getEnvironment().maxThreads();
        masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        openMpThreads = openMpThreads();
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        forCurrentThread();
    }

    /** @return the settings switched to one thread, for the calling thread and process-wide, until {@link #close} */
    static OneThreadPerCaller enter() {
        return new OneThreadPerCaller();
    }

    /** Sets OpenMP's team size of the calling thread (a second caller) to one. */
    static void forCurrentThread() {
        setOpenMp(1);
    }

    /** @return the calling thread's OpenMP team size (1 without a native backend that has one) */
    static int openMpThreads() {
        return GET_OPEN_MP == null ? 1 : invoke(() -> (int) GET_OPEN_MP.invoke());
    }

    /** @param threads the calling thread's OpenMP team size (nothing without a native backend that has one) */
    static void setOpenMp(int threads) {
        if (SET_OPEN_MP != null) {
            invoke(() -> {
                SET_OPEN_MP.invoke(threads);
                return 0;
            });
        }
    }

    private interface NativeCall {
        int call() throws Throwable;
    }

    private static int invoke(NativeCall call) {
        try {
            return call.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("the native backend's OpenMP setting failed", t);
        }
    }

    /** @return a handle bound to the backend's NativeOps instance, or null without nd4j-native-api */
    private static MethodHandle openMp(String name, MethodType type) {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object instance = holder.getMethod("getInstance").invoke(null);
            Object ops = holder.getMethod("getDeviceNativeOps").invoke(instance);
            return MethodHandles.publicLookup().findVirtual(ops.getClass(), name, type).bindTo(ops);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Restores the settings found by {@link #enter}, on the thread that called it. */
    @Override
    public void close() {
        Nd4j.getEnvironment().setMaxThreads(maxThreads);
        Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
        setOpenMp(openMpThreads);
    }
}
