package org.gan4j.dl4j.internal.ops;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Work over the items [0, count) of a Java pass, in two halves when the calling thread's op threads
 * ({@link OpenMpThreads}) are more than one: the first half on the common fork-join pool as part 1, the second on the
 * calling thread as part 0 (a part owns its scratch buffers). Two halves because the machine this is tuned on has two
 * cores; one op thread (a process started with one, or a caller switched to one beside others), or fewer than two
 * grains of items, runs everything as part 0.
 */
final class Halves {
    /** One part's share of the items. */
    @FunctionalInterface
    interface Range {
        /**
         * @param from the first item
         * @param to   one past the last item
         * @param part 0 or 1, the scratch buffers' owner
         */
        void run(int from, int to, int part);
    }

    private Halves() {
    }

    /**
     * @param count the number of items
     * @param grain the halves' boundary is a multiple of it (a block the pass works in)
     * @param work  the pass over a range
     */
    static void run(int count, int grain, Range work) {
        if (count < 2 * grain || OpenMpThreads.current() == 1) {
            work.run(0, count, 0);
            return;
        }
        int half = count / 2 / grain * grain;
        ForkJoinTask<?> first = ForkJoinPool.commonPool().submit(() -> work.run(0, half, 1));
        work.run(half, count, 0);
        first.join();
    }
}
