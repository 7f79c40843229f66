package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.GraphNetwork;
import org.gan4j.LatentSpace;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.StepResult;
import org.gan4j.augment.AdaptiveAugmentation;
import org.gan4j.augment.DiffAugment;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.losses.HingeLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Spectral normalization, DiffAugment and the ADA controller inside real training runs. */
class StabilizerTrainingTest {
    static final Shape IMAGE = Shape.of(1, 8, 8);

    static InMemoryDataSource images(int count, float value) {
        float[] values = new float[count * 64];
        for (int i = 0; i < values.length; i++) {
            values[i] = Float.isNaN(value) ? (float) Math.sin(0.37 * i + (i / 64) * 0.1) : value;
        }
        return InMemoryDataSource.of(values, IMAGE);
    }

    static Generator generator() {
        return Generator.builder().latent(LatentSpace.gaussian(4))
                .dense(64).spectralNorm().tanh().reshape(1, 8, 8).build();
    }

    static GanTrainer.Builder augmentedSnGan(long steps) {
        return GanTrainer.builder()
                .generator(generator())
                .discriminator(Discriminator.builder().input(1, 8, 8)
                        .conv2d(4, 4, 2, 1).leakyRelu(0.2).flatten().dense(1).spectralNormAll().build())
                .loss(new HingeLoss())
                .data(images(96, Float.NaN))
                .augment(DiffAugment.colorTranslationCutout())
                .adaptiveAugmentation(new AdaptiveAugmentation(0.6, 2, 16 * 2 * 5, 0.5))
                .batchSize(16).steps(steps).seed(3);
    }

    @Test
    void should_resume_exactly_with_spectral_norm_and_adaptive_augmentation(@TempDir Path dir) throws IOException {
        TrainedGan straight = augmentedSnGan(12).checkpoints(dir, 6, 5).build().fit();
        TrainedGan resumed = augmentedSnGan(12).build().resume(dir.resolve("checkpoint-000000006.zip"));

        assertThat(resumed.history().steps()).isEqualTo(straight.history().steps());
        INDArray z = Nd4j.rand(DataType.FLOAT, 5, 4);
        assertThat(resumed.sample(z).data().asFloat()).containsExactly(straight.sample(z).data().asFloat());
        List<Double> p = new ArrayList<>();
        for (StepResult r : straight.history().steps()) {
            p.add(r.term("augment_p"));
        }
        assertThat(Collections.max(p) - Collections.min(p)).as("p moved during the run: %s", p).isGreaterThan(0.1);
        try (ZipFile checkpoint = new ZipFile(dir.resolve("checkpoint-000000006.zip").toFile())) {
            assertThat(checkpoint.stream().map(e -> e.getName()).filter(n -> n.contains("sn_u")).count())
                    .as("u vectors of G's dense layer and D's conv and dense layers").isEqualTo(3);
        }
    }

    @Test
    void should_sample_from_the_spectrally_normalized_weights() throws IOException {
        TrainedGan gan = augmentedSnGan(4).build().fit();
        Path file = Files.createTempFile("sn-generator", ".zip");
        gan.save(file);
        INDArray z = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(5), 3, 4).castTo(DataType.FLOAT);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            INDArray w = array(zip, "W");
            INDArray b = array(zip, "b");
            INDArray u = array(zip, "sn_u");
            INDArray v = array(zip, "sn_v");
            double sigma = v.transpose().mmul(w).mmul(u.reshape(-1, 1)).getDouble(0);
            INDArray expected = Nd4j.math.tanh(z.castTo(DataType.DOUBLE).mmul(w.div(sigma)).addRowVector(b.reshape(-1))).reshape(3, 1, 8, 8);
            INDArray actual = GeneratorModel.load(file).sample(z);
            assertThat(actual.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue()).isLessThan(1e-5);
            assertThat(sigma).as("σ of a trained layer differs from 1").isNotCloseTo(1.0, org.assertj.core.api.Assertions.within(0.01));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static INDArray array(ZipFile zip, String suffix) throws IOException {
        var entry = zip.stream().filter(e -> e.getName().endsWith("G/0_dense/" + suffix + ".npy")).findFirst().orElseThrow();
        return org.gan4j.dl4j.io.NpyFormat.read(zip.getInputStream(entry).readAllBytes(), entry.getName()).castTo(DataType.DOUBLE);
    }

    /** A critic scoring 100·(mean pixel − threshold) plus a learned term that starts at zero. */
    static GraphNetwork thresholdCritic(double threshold) {
        return (ctx, x) -> {
            SDVariable flat = x.reshape(-1, 64);
            SDVariable w = ctx.parameter("w", ParameterInit.constant(0), 64, 1);
            return flat.mean(true, 1).sub(threshold).mul(100).add(flat.mmul(w));
        };
    }

    static GanTrainer.Builder adaGan(GraphNetwork critic, double initial) {
        return GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(4)).dense(64).tanh().reshape(1, 8, 8).build())
                .discriminator(Discriminator.builder().input(1, 8, 8).custom(Shape.of(1), critic).build())
                .data(images(64, 1f))
                .augment(DiffAugment.of(DiffAugment.Op.TRANSLATION))
                .adaptiveAugmentation(new AdaptiveAugmentation(0.6, 1, 16 * 10, initial))
                .batchSize(16).steps(8).seed(1);
    }

    @Test
    void should_raise_p_when_the_discriminator_separates_perfectly_and_lower_it_otherwise() {
        // reals are all 1 (mean pixel ≥ 0.5 after any translation of an 8×8 image by at most 1); the generator's
        // tanh outputs start near 0: a threshold of 0.25 separates them, one of 5 calls everything fake
        TrainedGan overfitting = adaGan(thresholdCritic(0.25), 0).build().fit();
        TrainedGan fooled = adaGan(thresholdCritic(5), 1).build().fit();

        assertThat(overfitting.history().steps()).allSatisfy(r -> assertThat(r.term("augment_r")).isEqualTo(1.0));
        assertThat(overfitting.history().steps().get(7).term("augment_p")).isCloseTo(0.8, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(fooled.history().steps()).allSatisfy(r -> assertThat(r.term("augment_r")).isEqualTo(-1.0));
        assertThat(fooled.history().steps().get(7).term("augment_p")).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void should_refuse_adaptive_augmentation_without_a_policy_and_augmentation_of_vectors() {
        assertThatThrownBy(() -> adaGan(thresholdCritic(0), 0).augment(null))
                .isInstanceOf(NullPointerException.class).hasMessage("augment == null");
        assertThatThrownBy(() -> vectorGan().adaptiveAugmentation(AdaptiveAugmentation.paper()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("adaptiveAugmentation(AdaptiveAugmentation[target=0.6, interval=4, speedImages=500000, initial=0.0])"
                        + " needs augment(...): the policy whose probability it controls");
        assertThatThrownBy(() -> vectorGan().augment(DiffAugment.colorTranslationCutout()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("augment(DiffAugment(color,translation,cutout)) needs images [channels, height, width] but the"
                        + " discriminator takes [3]");
    }

    private static GanTrainer.Builder vectorGan() {
        return GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(2)).dense(3).build())
                .discriminator(Discriminator.builder().input(3).dense(1).build())
                .data(InMemoryDataSource.of(new float[30], Shape.of(3)))
                .batchSize(5).steps(1);
    }
}
