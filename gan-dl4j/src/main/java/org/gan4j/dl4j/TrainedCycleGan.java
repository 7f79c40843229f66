package org.gan4j.dl4j;

import java.util.List;
import org.gan4j.CycleGanStepResult;
import org.gan4j.LossHistory;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link CycleGanTrainer#fit()}: both translators with the trained weights and the history of every
 * step.
 *
 * @since 0.1.0
 */
public final class TrainedCycleGan {
    private final TranslatorModel xToY;
    private final TranslatorModel yToX;
    private final LossHistory history;

    TrainedCycleGan(TranslatorModel xToY, TranslatorModel yToX, LossHistory history) {
        this.xToY = xToY;
        this.yToX = yToX;
        this.history = history;
    }

    /** @return G: X → Y */
    public TranslatorModel xToY() {
        return xToY;
    }

    /** @return F: Y → X */
    public TranslatorModel yToX() {
        return yToX;
    }

    /**
     * @param x images of domain X [n, X shape...]
     * @return G(x) [n, Y shape...]
     */
    public INDArray translateXToY(INDArray x) {
        return xToY.translate(x);
    }

    /**
     * @param y images of domain Y [n, Y shape...]
     * @return F(y) [n, X shape...]
     */
    public INDArray translateYToX(INDArray y) {
        return yToX.translate(y);
    }

    /** @return every step's losses with their CycleGAN terms, in order */
    public List<CycleGanStepResult> history() {
        return history.steps().stream().map(CycleGanStepResult::of).toList();
    }

    /** @return the run's history as every trainer reports it: steps with their named terms, and recorded metrics */
    public LossHistory lossHistory() {
        return history;
    }
}
