package org.gan4j.dl4j;

import java.util.List;
import org.gan4j.CycleGanStepResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link CycleGanTrainer#fit()}: both translators with the trained weights and the history of every
 * step.
 */
public final class TrainedCycleGan {
    private final TranslatorModel xToY;
    private final TranslatorModel yToX;
    private final List<CycleGanStepResult> history;

    TrainedCycleGan(TranslatorModel xToY, TranslatorModel yToX, List<CycleGanStepResult> history) {
        this.xToY = xToY;
        this.yToX = yToX;
        this.history = List.copyOf(history);
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

    /** @return every step's losses, in order */
    public List<CycleGanStepResult> history() {
        return history;
    }
}
