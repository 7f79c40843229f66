package org.gan4j.dl4j;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The process's native allocator, glibc's {@code malloc}, which holds the off-heap arrays of ND4J, oneDNN and
 * OpenBLAS. By default glibc maps blocks above its mmap threshold (128 KB, rising with use to at most 32 MB) from the
 * kernel and unmaps them on free, and hands the top of its heap back above 128 KB free: so the temporary buffers that
 * libnd4j and oneDNN allocate inside each convolution come as fresh pages every call, and on virtual machines where
 * the first touch of a page is slow (about 3 ms per MB on the 2-core VM of docs/benchmarks.md) that can double a
 * step. {@link #retainFreedMemory()} sets the thresholds as PyTorch users do with {@code MALLOC_MMAP_THRESHOLD_},
 * {@code MALLOC_TRIM_THRESHOLD_} and {@code MALLOC_TOP_PAD_} (the peer benchmark scripts run that way): freed memory
 * is kept for reuse, so the process's resident size stays at its peak instead of shrinking between steps.
 *
 * <p>It acts on the whole process and cannot be undone, so gan4j never calls it by itself: the samples and
 * benchmarks programs call it at start, and an application decides for itself. Setting the three environment
 * variables before the JVM starts has the same effect.
 *
 * @since 0.1.0
 */
public final class NativeMemory {
    /** The mmap threshold set: glibc's largest (half its 64 MB heap size on 64-bit systems). */
    public static final int MMAP_THRESHOLD_BYTES = 32 << 20;
    /** The trim threshold set: free memory at the heap's top is kept up to this much (mallopt's int maximum). */
    public static final int TRIM_THRESHOLD_BYTES = Integer.MAX_VALUE;
    /** The extra the heap grows by each time it grows. */
    public static final int TOP_PAD_BYTES = 256 << 20;

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private NativeMemory() {
    }

    /** glibc's mallopt(3). */
    private interface C extends Library {
        int mallopt(int param, int value);
    }

    /**
     * Makes glibc's {@code malloc} keep freed memory for reuse (see the class description).
     *
     * @return true if glibc accepted all three settings; false where there is no glibc {@code mallopt} (macOS,
     *         Windows, musl), which leaves the allocator as it was
     */
    public static synchronized boolean retainFreedMemory() {
        C c;
        try {
            c = Native.loadLibrary("c", C.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
        try {
            return c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD_BYTES) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
