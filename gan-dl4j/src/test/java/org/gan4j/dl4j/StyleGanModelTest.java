package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.data.FashionMnist;
import org.gan4j.zoo.StyleGan2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The latent tools of a (briefly) trained {@link StyleGanModel}: their identities, saving, loading and bad input. */
class StyleGanModelTest {
    static final StyleGan2 TINY = StyleGan2.builder().channels(256, 16).latentSize(16).wSize(16).build();
    static StyleGanModel model;

    @BeforeAll
    static void train() {
        model = StyleGanTrainer.builder().architecture(TINY).data(FashionMnist.bundledImages().first(64).toPaddedDataSource(32))
                .batchSize(8).steps(4).seed(3).build().fit().model();
    }

    static INDArray latents(int n, long seed) {
        return Nd4j.getRandomFactory().getNewRandomInstance(seed).nextGaussian(new long[] {n, 16}).castTo(DataType.FLOAT);
    }

    static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    @Test
    void truncation_to_zero_gives_the_image_of_the_average_w_for_every_latent() {
        INDArray average = model.wAverage();
        assertThat(average.amaxNumber().doubleValue()).as("w average after 4 steps").isPositive();
        INDArray images = model.sample(latents(5, 1), 0);
        INDArray ofAverage = model.synthesize(model.broadcast(average.reshape(1, 16)), StyleGanModel.Noise.FIXED);
        for (int i = 0; i < 5; i++) {
            assertThat(maxDifference(images.get(NDArrayIndex.point(i)), ofAverage.get(NDArrayIndex.point(0))))
                    .as("image %d", i).isLessThan(1e-5);
        }
        INDArray untruncated = model.sample(latents(5, 1), 1);
        // w̄ + 1·(w − w̄) rounds differently from w: 1.7e-6 apart on an AVX2 machine (Zen 3), below 1e-6 on AVX-512
        assertThat(maxDifference(untruncated, model.sample(latents(5, 1)))).isLessThan(1e-5);
        assertThat(maxDifference(untruncated.get(NDArrayIndex.point(0)), untruncated.get(NDArrayIndex.point(1))))
                .isGreaterThan(1e-3);
    }

    @Test
    void truncation_with_a_cutoff_leaves_the_later_layers_alone() {
        INDArray ws = model.broadcast(model.map(latents(3, 2)));
        INDArray truncated = model.truncate(ws, 0.5, 3);
        INDArray average = model.wAverage();
        for (int layer = 0; layer < TINY.numWs(); layer++) {
            INDArray before = ws.get(NDArrayIndex.all(), NDArrayIndex.point(layer), NDArrayIndex.all());
            INDArray after = truncated.get(NDArrayIndex.all(), NDArrayIndex.point(layer), NDArrayIndex.all());
            INDArray expected = layer < 3 ? before.subRowVector(average).muli(0.5).addRowVector(average) : before;
            assertThat(maxDifference(after, expected)).as("layer %d", layer).isLessThan(1e-6);
        }
    }

    @Test
    void mixing_at_crossover_zero_and_num_ws_gives_pure_b_and_pure_a() {
        INDArray a = latents(4, 3);
        INDArray b = latents(4, 4);
        assertThat(maxDifference(model.mix(a, b, 0), model.sample(b))).isLessThan(1e-6);
        assertThat(maxDifference(model.mix(a, b, TINY.numWs()), model.sample(a))).isLessThan(1e-6);
        INDArray mixed = model.mix(a, b, 4);
        assertThat(maxDifference(mixed, model.sample(a))).isGreaterThan(1e-3);
        assertThat(maxDifference(mixed, model.sample(b))).isGreaterThan(1e-3);
    }

    @Test
    void interpolation_starts_and_ends_at_the_end_points() {
        INDArray a = latents(1, 5);
        INDArray b = latents(1, 6);
        INDArray inW = model.interpolateW(a, b, 5);
        INDArray inZ = model.interpolateZ(a, b, 5);
        assertThat(inW.shape()).containsExactly(5, 1, 32, 32);
        for (INDArray path : new INDArray[] {inW, inZ}) {
            assertThat(maxDifference(path.get(NDArrayIndex.interval(0, 1)), model.sample(a))).isLessThan(1e-4);
            assertThat(maxDifference(path.get(NDArrayIndex.interval(4, 5)), model.sample(b))).isLessThan(1e-4);
        }
        INDArray w = model.map(Nd4j.vstack(a, b));
        INDArray middle = w.getRow(0).add(w.getRow(1)).muli(0.5).reshape(1, 16);
        assertThat(maxDifference(inW.get(NDArrayIndex.interval(2, 3)),
                model.synthesize(model.broadcast(middle), StyleGanModel.Noise.FIXED))).isLessThan(1e-5);
    }

    @Test
    void fixed_noise_is_deterministic_random_noise_is_not_and_no_noise_differs() {
        INDArray ws = model.broadcast(model.map(latents(2, 7)));
        INDArray fixed = model.synthesize(ws, StyleGanModel.Noise.FIXED);
        assertThat(maxDifference(fixed, model.synthesize(ws, StyleGanModel.Noise.FIXED))).isZero();
        assertThat(maxDifference(model.synthesize(ws, StyleGanModel.Noise.RANDOM), model.synthesize(ws, StyleGanModel.Noise.RANDOM)))
                .isPositive();
        assertThat(maxDifference(fixed, model.synthesize(ws, StyleGanModel.Noise.NONE))).isPositive();
    }

    @Test
    void saves_and_loads_the_same_generator_and_refuses_a_corrupted_archive(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("stylegan.zip");
        model.save(file);
        StyleGanModel loaded = StyleGanModel.load(file);
        assertThat(loaded.architecture()).isEqualTo(TINY);
        INDArray z = latents(3, 8);
        assertThat(loaded.sample(z).data().asFloat()).containsExactly(model.sample(z).data().asFloat());
        assertThat(loaded.sample(z, 0.5).data().asFloat()).containsExactly(model.sample(z, 0.5).data().asFloat());
        assertThat(loaded.wAverage().data().asFloat()).containsExactly(model.wAverage().data().asFloat());

        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 3] ^= 0x20;
        Path broken = dir.resolve("broken.zip");
        Files.write(broken, bytes);
        assertThatThrownBy(() -> StyleGanModel.load(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(broken.toString());

        Path contradicting = dir.resolve("contradicting.zip");
        VaeTrainerTest.rewriteMetadata(file, contradicting, StyleGanModel.META_ENTRY, "latent.size", "17");
        assertThatThrownBy(() -> StyleGanModel.load(contradicting)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contradicts its metadata (sample [1, 32, 32], latent 17)");
    }

    @Test
    void names_bad_input() {
        INDArray ws = model.broadcast(model.map(latents(2, 9)));
        assertThatThrownBy(() -> model.truncate(ws, Double.NaN, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("psi must be finite but was NaN");
        assertThatThrownBy(() -> model.truncate(ws, 0.5, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cutoff must be in [0, 8] but was 9");
        assertThatThrownBy(() -> model.synthesize(Nd4j.create(DataType.FLOAT, 2, 7, 16), StyleGanModel.Noise.FIXED))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("ws must have shape [n, 8, 16] but had [2, 7, 16]");
        assertThatThrownBy(() -> model.mix(latents(2, 1), latents(2, 2), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("crossover must be in [0, 8] but was -1");
        assertThatThrownBy(() -> model.map(Nd4j.create(DataType.FLOAT, 2, 15))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latent must have shape [n >= 1, 16] but was [2, 15]");
        assertThatThrownBy(() -> model.interpolateW(latents(1, 1), latents(1, 2), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("steps must be >= 2 but was 1");
    }
}
