package org.gan4j;

import java.util.List;

/** A running CycleGAN training, as its listeners see it. */
public interface CycleGanView {

    /** @return the number of steps done */
    long step();

    /** @return the number of steps of the run */
    long totalSteps();

    /** @return every step so far, in order */
    List<CycleGanStepResult> history();

    /** @return G: X → Y with the current weights, in inference mode */
    ImageTranslator xToY();

    /** @return F: Y → X with the current weights, in inference mode */
    ImageTranslator yToX();
}
