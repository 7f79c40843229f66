package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gan4j.Discriminator;
import org.gan4j.GanTrainingException;
import org.gan4j.Generator;
import org.gan4j.GraphNetwork;
import org.gan4j.LatentSpace;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CustomGraphNetworkTest {

    /** G(z) = a·z + b written as raw SameDiff operations: it can represent N(b, a²) exactly. */
    static final GraphNetwork AFFINE = (ctx, z) -> {
        SDVariable a = ctx.parameter("a", ParameterInit.constant(0.1), 1, 1);
        SDVariable b = ctx.parameter("b", ParameterInit.constant(0), 1);
        return z.mmul(a).add(b);
    };

    /** A critic written by hand: two dense layers with a leaky ReLU. */
    static final GraphNetwork CRITIC = (ctx, x) -> {
        SDVariable w1 = ctx.parameter("w1", ParameterInit.normal(0.5), 1, 32);
        SDVariable b1 = ctx.parameter("b1", ParameterInit.constant(0), 32);
        SDVariable w2 = ctx.parameter("w2", ParameterInit.normal(0.2), 32, 1);
        SDVariable h = ctx.graph().nn.leakyRelu(x.mmul(w1).add(b1), 0.2);
        return h.mmul(w2);
    };

    @Test
    void should_train_custom_graph_networks_like_built_in_ones(@TempDir Path dir) {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(1)).custom(Shape.of(1), AFFINE).build();
        Discriminator d = Discriminator.builder().input(1).custom(Shape.of(1), CRITIC).build();
        TrainedGan gan = GanTrainer.builder().generator(g).discriminator(d)
                .data(GaussianMlpGanTest.gaussian(10_000, 4.0, 1.25, 2))
                .generatorOptimizer(OptimizerSpec.adam(5e-3, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(5e-3, 0.5, 0.999))
                .batchSize(64).steps(1500).seed(4).build().fit();
        INDArray samples = gan.sample(10_000);
        assertThat(samples.meanNumber().doubleValue()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(samples.stdNumber().doubleValue()).isCloseTo(1.25, org.assertj.core.data.Offset.offset(0.2));

        Path file = dir.resolve("affine.zip");
        gan.save(file);
        INDArray z = Nd4j.randn(DataType.FLOAT, 6, 1);
        assertThat(GeneratorModel.load(file).sample(z)).isEqualTo(gan.sample(z));
    }

    @Test
    void should_refuse_a_custom_generator_whose_output_differs_from_its_declared_shape() {
        Generator g = Generator.builder().latent(LatentSpace.gaussian(3)).custom(Shape.of(1), (ctx, z) -> z).build();
        Discriminator d = Discriminator.builder().input(1).dense(1).build();
        GanTrainer trainer = GanTrainer.builder().generator(g).discriminator(d)
                .data(GaussianMlpGanTest.gaussian(100, 0, 1, 1)).batchSize(10).steps(1).build();
        assertThatThrownBy(trainer::fit).isInstanceOf(GanTrainingException.class)
                .hasMessage("generator produces samples of shape [2, 3] but declares [2, 1]");
    }

    @Test
    void should_refuse_a_checkpoint_of_another_custom_graph_that_prints_alike(@TempDir Path dir) {
        // the same parameters and the same spec text ("custom graph"), but a tanh in one critic: another training graph
        GraphNetwork squashed = (ctx, x) -> ctx.graph().math.tanh(CRITIC.define(ctx, x));
        Generator g = Generator.builder().latent(LatentSpace.gaussian(1)).custom(Shape.of(1), AFFINE).build();
        Discriminator plain = Discriminator.builder().input(1).custom(Shape.of(1), CRITIC).build();
        Discriminator tanh = Discriminator.builder().input(1).custom(Shape.of(1), squashed).build();
        assertThat(tanh.toString()).isEqualTo(plain.toString());
        GanTrainer.builder().generator(g).discriminator(plain).data(GaussianMlpGanTest.gaussian(100, 0, 1, 1))
                .batchSize(10).steps(2).checkpoints(dir, 2, 1).build().fit();

        GanTrainer other = GanTrainer.builder().generator(g).discriminator(tanh)
                .data(GaussianMlpGanTest.gaussian(100, 0, 1, 1)).batchSize(10).steps(4).build();
        assertThatThrownBy(() -> other.resume(dir.resolve("checkpoint-000000002.zip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("checkpoint was written by another configuration: graphs: sha256:[0-9a-f]{16} vs"
                        + " sha256:[0-9a-f]{16} \\(checkpoint vs trainer\\)");
        TrainedGan same = GanTrainer.builder().generator(g).discriminator(plain).data(GaussianMlpGanTest.gaussian(100, 0, 1, 1))
                .batchSize(10).steps(4).build().resume(dir.resolve("checkpoint-000000002.zip"));
        assertThat(same.history().size()).isEqualTo(4);
    }
}
