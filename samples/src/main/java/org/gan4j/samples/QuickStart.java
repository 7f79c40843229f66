package org.gan4j.samples;

// README quick start begins
import java.nio.file.Path;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.listeners.ImageGrid;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.optim.OptimizerSpec;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The README's quick start: an MLP GAN on the bundled Fashion-MNIST subset. */
public final class QuickStart {
    public static void main(String[] args) {
        Generator g = Generator.builder()
                .latent(LatentSpace.gaussian(64))
                .dense(256).leakyRelu(0.2).dense(784).tanh().reshape(1, 28, 28)
                .build();
        Discriminator d = Discriminator.builder()
                .input(1, 28, 28)
                .flatten().dense(256).leakyRelu(0.2).dense(1)
                .build();
        TrainedGan gan = GanTrainer.builder()
                .generator(g).discriminator(d)
                .loss(new NonSaturatingLoss())
                .generatorOptimizer(OptimizerSpec.adam(2e-4, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(2e-4, 0.5, 0.999))
                .data(FashionMnist.bundledImages().toDataSource())
                .batchSize(64).steps(args.length > 0 ? Long.parseLong(args[0]) : 500).seed(1)
                .build()
                .fit();
        INDArray images = gan.sample(16);                       // [16, 1, 28, 28] in [-1, 1]
        ImageGrid.writePng(images, 4, Path.of("output", "quickstart.png"));
        gan.save(Path.of("output", "generator.zip"));           // GeneratorModel.load(...) reads it back
    }
}
// README quick start ends
