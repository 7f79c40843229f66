package org.gan4j.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gan4j.loss.TrainingRecipe;
import org.gan4j.losses.penalty.GradientPenalty;
import org.gan4j.losses.penalty.R1Penalty;
import org.gan4j.losses.penalty.WeightClipping;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RecipeTest {

    @Test
    void should_give_the_wgan_papers_recipe_without_options() {
        TrainingRecipe r = new WassersteinLoss().recipe();
        assertThat(r.discriminatorSteps()).hasValue(5);
        assertThat(r.discriminatorOptimizer()).contains(OptimizerSpec.rmsProp(5e-5));
        assertThat(r.generatorOptimizer()).contains(OptimizerSpec.rmsProp(5e-5));
        assertThat(r.constraints()).singleElement().hasToString("WeightClipping(c=0.01)");
        assertThat(r.penalties()).isEmpty();
        assertThat(new WassersteinLoss()).hasToString("Wasserstein(clip=0.01)");
    }

    @Test
    void should_give_the_wgan_gp_papers_recipe() {
        TrainingRecipe r = WassersteinLoss.withGradientPenalty().recipe();
        assertThat(r.discriminatorSteps()).hasValue(5);
        assertThat(r.discriminatorOptimizer()).contains(OptimizerSpec.adam(1e-4, 0.0, 0.9));
        assertThat(r.penalties()).singleElement().isInstanceOf(GradientPenalty.class).hasToString("GradientPenalty(lambda=10.0)");
        assertThat(r.constraints()).isEmpty();
        assertThat(WassersteinLoss.withGradientPenalty()).hasToString("WassersteinGp(lambda=10.0)");
        assertThat(new NonSaturatingLoss().recipe()).isSameAs(TrainingRecipe.none());
    }

    @Test
    void should_clip_every_weight_in_place() {
        INDArray w = Nd4j.createFromArray(-0.5f, -0.005f, 0f, 0.003f, 2f);
        INDArray b = Nd4j.createFromArray(new float[][] {{0.02f, -0.011f}});
        new WeightClipping(0.01).apply(java.util.Map.of("w", w, "b", b));
        assertThat(w.toFloatVector()).containsExactly(-0.01f, -0.005f, 0f, 0.003f, 0.01f);
        assertThat(b.toFloatVector()).containsExactly(0.01f, -0.01f);
        assertThat(w.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void should_refuse_bad_hyperparameters() {
        assertThatThrownBy(() -> new WeightClipping(0)).hasMessage("c must be > 0 but was 0.0");
        assertThatThrownBy(() -> new GradientPenalty(-1)).hasMessage("lambda must be > 0 but was -1.0");
        assertThatThrownBy(() -> new R1Penalty(Double.NaN)).hasMessage("gamma must be > 0 but was NaN");
        assertThatThrownBy(() -> NonSaturatingLoss.withRealLabel(0.3)).hasMessage("realLabel must be in (0.5, 1] but was 0.3");
        assertThatThrownBy(() -> TrainingRecipe.builder().discriminatorSteps(0))
                .hasMessage("discriminatorSteps must be >= 1 but was 0");
    }
}
