package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.loss.WeightConstraint;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.losses.WassersteinLoss;
import org.gan4j.losses.penalty.GradientPenalty;
import org.gan4j.losses.penalty.R1Penalty;
import org.gan4j.losses.penalty.WeightClipping;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class LossRecipeTrainingTest {
    static final Generator G = Generator.builder().latent(LatentSpace.gaussian(4)).dense(16).relu().dense(1).build();
    static final Discriminator D = Discriminator.builder().input(1).dense(16).leakyRelu(0.2).dense(1).build();

    static GanTrainer.Builder base() {
        return GanTrainer.builder().generator(G).discriminator(D)
                .data(GaussianMlpGanTest.gaussian(2000, 1.0, 0.5, 3)).batchSize(50);
    }

    @Test
    void should_train_wgan_with_the_papers_recipe_when_asked_for_without_options() {
        GanTrainer t = base().loss(new WassersteinLoss()).steps(5).build();
        assertThat(t.discriminatorSteps()).isEqualTo(5);
        assertThat(t.discriminatorOptimizer()).isEqualTo(OptimizerSpec.rmsProp(5e-5));
        assertThat(t.generatorOptimizer()).isEqualTo(OptimizerSpec.rmsProp(5e-5));
        assertThat(t.constraints()).singleElement().isInstanceOf(WeightClipping.class);
        assertThat(t.penalties()).isEmpty();
    }

    @Test
    void should_keep_every_critic_weight_within_the_clipping_bound_after_every_critic_step() {
        AtomicInteger calls = new AtomicInteger();
        double[] largest = {0};
        WeightConstraint recorder = weights -> {
            calls.incrementAndGet();
            for (INDArray w : weights.values()) {
                largest[0] = Math.max(largest[0], w.amaxNumber().doubleValue());
            }
            assertThat(weights).isNotEmpty();
        };
        // lr 0.05 would push weights far beyond 0.01 in one RMSProp step without the clipping
        TrainedGan gan = base().loss(WassersteinLoss.withClipping(0.01))
                .discriminatorOptimizer(OptimizerSpec.rmsProp(0.05))
                .constraint(recorder).steps(6).build().fit();
        assertThat(calls.get()).isEqualTo(6 * 5);
        assertThat(largest[0]).isLessThanOrEqualTo(0.01 + 1e-9).isGreaterThan(0.009);
        assertThat(gan.history().size()).isEqualTo(6);
    }

    @Test
    void should_let_settings_given_to_the_trainer_override_the_recipe() {
        GanTrainer t = base().loss(WassersteinLoss.withGradientPenalty()).discriminatorSteps(2)
                .discriminatorOptimizer(OptimizerSpec.sgd(0.1)).steps(1).build();
        assertThat(t.discriminatorSteps()).isEqualTo(2);
        assertThat(t.discriminatorOptimizer()).isEqualTo(OptimizerSpec.sgd(0.1));
        assertThat(t.generatorOptimizer()).isEqualTo(OptimizerSpec.adam(1e-4, 0.0, 0.9));
        assertThat(t.penalties()).singleElement().isInstanceOf(GradientPenalty.class);

        GanTrainer plain = base().loss(new WassersteinLoss()).ignoreLossRecipe().steps(1).build();
        assertThat(plain.constraints()).isEmpty();
        assertThat(plain.discriminatorSteps()).isEqualTo(1);
        assertThat(plain.discriminatorOptimizer()).isEqualTo(GanTrainer.DEFAULT_OPTIMIZER);
    }

    @Test
    void should_compose_any_penalty_with_any_loss() {
        TrainedGan gan = base().loss(new NonSaturatingLoss()).penalty(new R1Penalty(1.0))
                .penalty(new GradientPenalty(1.0)).steps(20).build().fit();
        assertThat(gan.history().size()).isEqualTo(20);
        assertThat(java.util.Arrays.stream(gan.history().discriminatorLosses())).allMatch(Double::isFinite);
    }

    @Test
    void should_refuse_a_penalty_on_a_critic_with_batch_norm() {
        Discriminator withBatchNorm = Discriminator.builder().input(1).dense(16).batchNorm().leakyRelu(0.2).dense(1).build();
        assertThatThrownBy(() -> base().discriminator(withBatchNorm).loss(WassersteinLoss.withGradientPenalty()).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("discriminator layer 1 (batchNorm(eps=1.0E-5, momentum=0.1)) has no per-sample input gradient,"
                        + " so a gradient penalty cannot be applied: use a discriminator without batch norm (the WGAN-GP"
                        + " paper uses layer norm or none)");
    }

    @Test
    void should_refuse_a_penalty_on_a_custom_graph_critic() {
        Discriminator custom = Discriminator.builder().input(1).custom(org.gan4j.Shape.of(1), (ctx, x) -> x).build();
        assertThatThrownBy(() -> base().discriminator(custom).penalty(new R1Penalty(1)).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a penalty needs the discriminator's input gradient, which a custom graph network cannot"
                        + " supply: build the discriminator from layers");
    }
}
