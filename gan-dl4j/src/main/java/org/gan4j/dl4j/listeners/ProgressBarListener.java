package org.gan4j.dl4j.listeners;

import java.io.PrintStream;
import java.util.Objects;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;

/**
 * A console progress bar (the maintained {@code me.tongfei:progressbar} library): steps done of the total, percent,
 * steps per second, elapsed time and ETA, with the epoch and the latest losses beside it. Off unless added as a
 * listener; prints to standard error by default.
 *
 * @since 0.1.0
 */
public final class ProgressBarListener implements TrainingListener {
    private final PrintStream out;
    private final int updateMillis;
    private ProgressBar bar;

    /** A bar on standard error, redrawn at most twice a second. */
    public ProgressBarListener() {
        this(System.err, 500);
    }

    /**
     * @param out          where the bar is drawn
     * @param updateMillis minimum time between redraws, &gt;= 1
     */
    public ProgressBarListener(PrintStream out, int updateMillis) {
        this.out = Objects.requireNonNull(out, "out == null");
        if (updateMillis < 1) {
            throw new IllegalArgumentException("updateMillis must be >= 1 but was " + updateMillis);
        }
        this.updateMillis = updateMillis;
    }

    @Override
    public void onStepEnd(TrainingView view, StepResult result) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setInitialMax(Math.max(view.totalSteps(), 0))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" steps", 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(updateMillis)
                    .setConsumer(new ConsoleProgressBarConsumer(out, 150))
                    .build();
            bar.stepTo(result.step() - 1);
        }
        bar.stepTo(result.step());
        bar.setExtraMessage(result.hasDiscriminator()
                ? String.format(" epoch %d  D %.4f  G %.4f", result.epoch(), result.discriminatorLoss(), result.generatorLoss())
                : String.format(" epoch %d  loss %.4f", result.epoch(), result.generatorLoss()));
    }

    @Override
    public void onFitEnd(TrainingView view) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
