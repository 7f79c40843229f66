package org.gan4j.dl4j.internal.ops;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The calling thread's OpenMP team size: how many threads an op started from this thread may use. It starts at the
 * process's {@code OMP_NUM_THREADS} (or the core count) and is set per thread ({@code omp_set_num_threads} applies to
 * the thread that calls it); oneDNN's convolutions follow it, and so do gan4j's Java passes ({@link Halves}). libnd4j's
 * own {@code Environment.setMaxThreads} cannot lower the process's count (in 1.0.0-M2.1, {@code setMaxThreads(1)} in a
 * process of two threads leaves {@code maxThreads()} at 2), so it is no per-caller switch.
 *
 * <p>The setting goes through the native backend's {@code NativeOps} (nd4j-native-api, found at run time: the library
 * compiles against nd4j-api alone); on a backend without it the team size reads as ND4J's {@code maxThreads()} and
 * setting it does nothing.
 */
public final class OpenMpThreads {
    private static final MethodHandle SET = handle("setOmpNumThreads", MethodType.methodType(void.class, int.class));
    private static final MethodHandle GET = handle("ompGetMaxThreads", MethodType.methodType(int.class));

    private OpenMpThreads() {
    }

    /** @return the calling thread's team size */
    public static int current() {
        if (GET == null) {
            return Nd4j.getEnvironment().maxThreads();
        }
        try {
            return (int) GET.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("the native backend's OpenMP query failed", t);
        }
    }

    /** @param threads the calling thread's team size from now on, at least 1 */
    public static void set(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
        }
        if (SET == null) {
            return;
        }
        try {
            SET.invoke(threads);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("the native backend's OpenMP setting failed", t);
        }
    }

    /** @return a handle bound to the backend's NativeOps instance, or null without nd4j-native-api */
    private static MethodHandle handle(String name, MethodType type) {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object instance = holder.getMethod("getInstance").invoke(null);
            Object ops = holder.getMethod("getDeviceNativeOps").invoke(instance);
            return MethodHandles.publicLookup().findVirtual(ops.getClass(), name, type).bindTo(ops);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
