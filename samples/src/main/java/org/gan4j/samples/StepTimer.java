package org.gan4j.samples;

import java.util.Arrays;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Times every step and logs progress every N steps. */
final class StepTimer implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(StepTimer.class);
    private final int logEvery;
    private final long[] nanos;
    private long last = System.nanoTime();
    private int recorded;

    StepTimer(long steps, int logEvery) {
        this.logEvery = logEvery;
        this.nanos = new long[Math.toIntExact(steps)];
    }

    @Override
    public void onStepEnd(TrainingView view, StepResult r) {
        long now = System.nanoTime();
        if (r.step() <= nanos.length) {
            nanos[(int) r.step() - 1] = now - last;
            recorded = (int) r.step();
        }
        last = now;
        if (r.step() % logEvery == 0 || r.step() == view.totalSteps()) {
            LOG.info("step {}/{} epoch {}  loss D {}  loss G {}  {} ms/step (median so far)", r.step(), view.totalSteps(), r.epoch(),
                    String.format("%.4f", r.discriminatorLoss()), String.format("%.4f", r.generatorLoss()),
                    String.format("%.0f", medianMillis()));
        }
    }

    /** @return the median step time in milliseconds, skipping the first step (which includes warm-up) */
    double medianMillis() {
        long[] timed = recorded > 1 ? Arrays.copyOfRange(nanos, 1, recorded) : Arrays.copyOf(nanos, recorded);
        Arrays.sort(timed);
        return timed.length == 0 ? Double.NaN : timed[timed.length / 2] / 1e6;
    }
}
