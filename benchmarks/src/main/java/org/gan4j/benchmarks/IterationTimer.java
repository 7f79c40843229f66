package org.gan4j.benchmarks;

import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.dl4j.Profiling;

/** Records the wall time of every training step after the warm-up steps. */
final class IterationTimer implements TrainingListener {
    private final int warmup;
    private final long[] nanos;
    private long last = System.nanoTime();

    IterationTimer(int warmup, int timed) {
        this.warmup = warmup;
        this.nanos = new long[timed];
    }

    @Override
    public void onStepEnd(TrainingView view, StepResult result) {
        long now = System.nanoTime();
        long index = result.step() - 1 - warmup;
        if (index == -1) {
            Profiling.reset();
        }
        if (index >= 0 && index < nanos.length) {
            nanos[(int) index] = now - last;
        }
        last = now;
    }

    Timings timings() {
        return Timings.ofNanos(nanos);
    }
}
