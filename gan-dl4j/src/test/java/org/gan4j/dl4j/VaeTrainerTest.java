package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gan4j.Encoder;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.VaeStepResult;
import org.gan4j.data.FashionMnist;
import org.gan4j.data.IdxImages;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.dl4j.listeners.ProgressBarListener;
import org.gan4j.dl4j.listeners.SampleGridListener;
import org.gan4j.losses.vae.GaussianLikelihood;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link VaeTrainer} on Fashion-MNIST (the bundled subset): learning, exact resume, the model's tools, bad input. */
class VaeTrainerTest {
    static final IdxImages TRAIN = FashionMnist.bundledImages();
    static final INDArray TEST = Nd4j.create(FashionMnist.bundledTestImages().first(500).scaledToZeroOne(),
            new long[] {500, 1, 28, 28}, 'c');

    static Encoder encoder(int latent) {
        return Encoder.builder().input(1, 28, 28).flatten().dense(256).relu().latent(latent).build();
    }

    static Generator decoder(int latent) {
        return Generator.builder().latent(LatentSpace.gaussian(latent)).dense(256).relu().dense(784).reshape(1, 28, 28)
                .build();
    }

    static VaeTrainer.Builder trainer(long seed) {
        return VaeTrainer.builder().encoder(encoder(16)).decoder(decoder(16)).data(TRAIN.toZeroOneDataSource())
                .batchSize(64).seed(seed);
    }

    static double testNegativeElbo(VaeModel model) {
        return model.negativeElbo(TEST).meanNumber().doubleValue();
    }

    /**
     * Seed sweep behind the margins (seeds 1-6, 400 steps): the first step's −ELBO is 546.8-549.5 nats (784·ln 2 =
     * 543.4 for an untrained Bernoulli decoder), the test set's after 400 steps 269.4-270.8 nats, ratio 0.491-0.495
     * (the bar is 0.6), the last step's KL 13.2-16.1 nats (the bar is 5: the posterior is used, not collapsed).
     */
    @Test
    void should_learn_a_bound_far_below_the_first_steps_on_held_out_images() {
        TrainedVae vae = trainer(3).steps(400).build().fit();
        List<VaeStepResult> steps = vae.steps();
        double first = steps.get(0).negativeElbo();
        double test = testNegativeElbo(vae.model());
        assertThat(first).isCloseTo(784 * Math.log(2), within(15.0));
        assertThat(test).as("test-set −ELBO (nats per image) vs the first step's %.1f", first).isLessThan(0.6 * first);
        assertThat(steps.get(399).kl()).isGreaterThan(5);
        assertThat(steps.get(399).negativeElbo()).isCloseTo(steps.get(399).reconstruction() + steps.get(399).kl(),
                within(1e-3));
    }

    @Test
    void should_warm_up_beta_linearly() {
        VaeTrainer t = trainer(1).steps(8).beta(2).klWarmup(4).build();
        assertThat(t.beta(1)).isEqualTo(0.5);
        assertThat(t.beta(4)).isEqualTo(2.0);
        assertThat(t.beta(7)).isEqualTo(2.0);
        List<VaeStepResult> steps = t.fit().steps();
        assertThat(steps.stream().mapToDouble(VaeStepResult::beta).toArray())
                .containsExactly(0.5, 1.0, 1.5, 2.0, 2.0, 2.0, 2.0, 2.0);
        VaeStepResult s = steps.get(1);
        assertThat(s.loss()).isCloseTo(s.reconstruction() + 1.0 * s.kl(), within(1e-3));
    }

    @Test
    void should_resume_exactly_and_refuse_a_corrupted_checkpoint(@TempDir Path dir) throws IOException {
        TrainedVae straight = trainer(5).steps(12).build().fit();
        trainer(5).steps(12).checkpoints(dir, 6, 3).build().fit();
        Path middle = dir.resolve("checkpoint-000000006.zip");
        TrainedVae resumed = trainer(5).steps(12).build().resume(middle);

        assertThat(resumed.steps()).isEqualTo(straight.steps());
        INDArray images = TEST.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3));
        assertThat(resumed.reconstruct(images).data().asFloat()).containsExactly(straight.reconstruct(images).data().asFloat());
        assertThat(resumed.sample(2).data().asFloat()).containsExactly(straight.sample(2).data().asFloat());

        byte[] bad = Files.readAllBytes(middle);
        bad[bad.length / 2] ^= 0x10;
        Path flipped = dir.resolve("flipped.zip");
        Files.write(flipped, bad);
        assertThatThrownBy(() -> trainer(5).steps(12).build().resume(flipped))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoint " + flipped + " ");
        assertThatThrownBy(() -> trainer(5).steps(12).beta(0.5).build().resume(middle))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("checkpoint was written by another configuration: beta");
    }

    @Test
    void should_encode_decode_interpolate_save_and_load(@TempDir Path dir) throws IOException {
        TrainedVae vae = trainer(2).steps(30).build().fit();
        INDArray images = TEST.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4));
        VaeModel.Encoding e = vae.encode(images);
        assertThat(e.mu().shape()).containsExactly(4, 16);
        assertThat(e.sigma().minNumber().doubleValue()).isPositive();
        INDArray reconstructed = vae.reconstruct(images);
        assertThat(reconstructed.shape()).containsExactly(4, 1, 28, 28);
        assertThat(reconstructed.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(reconstructed.maxNumber().doubleValue()).isLessThanOrEqualTo(1);
        assertThat(vae.decode(e.mu()).data().asFloat()).containsExactly(reconstructed.data().asFloat());

        INDArray line = vae.interpolate(images.slice(0), images.slice(1), 5);
        assertThat(line.shape()).containsExactly(5, 1, 28, 28);
        assertThat(maxDifference(line.slice(0), reconstructed.slice(0))).isLessThan(1e-5);
        assertThat(maxDifference(line.slice(4), reconstructed.slice(1))).isLessThan(1e-5);
        INDArray midpointLatent = e.mu().getRow(0).add(e.mu().getRow(1)).muli(0.5).reshape(1, 16);
        assertThat(maxDifference(line.slice(2), vae.decode(midpointLatent).slice(0))).isLessThan(1e-5);

        ExPostSampler expost = vae.model().exPostSampler(TEST, 10, 3);
        assertThat(expost.mixture().components()).isEqualTo(10);
        assertThat(expost.mixture().dimension()).isEqualTo(16);
        INDArray drawn = expost.sample(6);
        assertThat(drawn.shape()).containsExactly(6, 1, 28, 28);
        assertThat(drawn.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);

        Path file = dir.resolve("vae.zip");
        vae.save(file);
        VaeModel loaded = VaeModel.load(file, 9);
        assertThat(loaded.outputShape()).isEqualTo(vae.model().outputShape());
        assertThat(loaded.latent()).isEqualTo(LatentSpace.gaussian(16));
        assertThat(loaded.reconstruct(images).data().asFloat()).containsExactly(reconstructed.data().asFloat());
        INDArray z = Nd4j.rand(DataType.FLOAT, 3, 16);
        assertThat(loaded.decode(z).data().asFloat()).containsExactly(vae.decode(z).data().asFloat());
        assertThat(loaded.negativeElbo(images).shape()).containsExactly(4);

        Path broken = dir.resolve("broken.zip");
        rewriteMetadata(file, broken, VaeModel.META_ENTRY, "latent.size", "-3");
        assertThatThrownBy(() -> VaeModel.load(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(broken + " has invalid VAE metadata: latent.size '-3' must be an integer in [1, 1000000]");
    }

    @Test
    void should_decode_and_encode_from_several_threads_as_from_one() throws Exception {
        VaeModel model = trainer(6).steps(5).build().fit().model();
        INDArray z = Nd4j.getRandomFactory().getNewRandomInstance(4).nextGaussian(new long[] {5, 16}).castTo(DataType.FLOAT);
        INDArray images = TEST.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5));
        float[] decoded = model.decode(z).data().asFloat();
        float[] mu = model.encode(images).mu().data().asFloat();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 6; t++) {
                results.add(pool.submit(() -> {
                    boolean same = true;
                    for (int i = 0; i < 20; i++) {
                        same &= java.util.Arrays.equals(model.decode(z).data().asFloat(), decoded);
                        same &= java.util.Arrays.equals(model.encode(images).mu().data().asFloat(), mu);
                    }
                    return same;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Copies a model archive with one metadata property replaced. */
    static void rewriteMetadata(Path from, Path to, String entry, String key, String value) throws IOException {
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(from));
             var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(to))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(new java.io.ByteArrayInputStream(bytes));
                    p.setProperty(key, value);
                    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                    p.store(b, null);
                    bytes = b.toByteArray();
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    @Test
    void should_train_with_a_learned_gaussian_variance_and_every_listener(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        TrainedVae vae = trainer(4).steps(6).likelihood(GaussianLikelihood.learned()).generatorEma(0.9, 0)
                .listener(new ProgressBarListener(new PrintStream(bar, true, StandardCharsets.UTF_8), 1))
                .listener(new SampleGridListener(dir, 3, 16, 4, 5))
                .listener(new HtmlReportListener(dir, 3, "no metrics"))
                .build().fit();
        assertThat(vae.steps()).hasSize(6);
        assertThat(bar.toString(StandardCharsets.UTF_8)).contains("6/6").containsPattern("loss -?\\d+\\.\\d{4}");
        assertThat(dir.resolve("samples-final.png")).exists();
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        assertThat(run.has("final_discriminator_loss")).isFalse();
        assertThat(run.get("final_terms").get(VaeStepResult.NEGATIVE_ELBO).asDouble())
                .isEqualTo(vae.steps().get(5).negativeElbo());
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<th>family</th><td class=\"v\">VAE</td>").doesNotContain("discriminator loss");
    }

    @Test
    void should_stop_at_the_time_limit_and_report_the_steps_made() {
        java.util.concurrent.atomic.AtomicLong endedAt = new java.util.concurrent.atomic.AtomicLong(-1);
        long t0 = System.nanoTime();
        TrainedVae vae = trainer(1).steps(1_000_000).timeLimit(java.time.Duration.ofMillis(1500))
                .listener(new org.gan4j.TrainingListener() {
                    @Override
                    public void onFitEnd(org.gan4j.TrainingView view) {
                        endedAt.set(view.step());
                    }
                })
                .build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(vae.steps().size()).isBetween(2, 999_999).isEqualTo((int) endedAt.get());
        assertThat(seconds).isLessThan(30);
        assertThatThrownBy(() -> VaeTrainer.builder().timeLimit(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeLimit must be > 0 and at most 10000 days but was PT0S");
    }

    @Test
    void should_refuse_images_outside_zero_one_for_the_bernoulli_likelihood() {
        VaeTrainer t = trainer(1).data(TRAIN.toDataSource()).steps(2).build();
        assertThatThrownBy(t::fit).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data InMemoryDataSource(")
                .hasMessageContaining("holds values in [-1.0, ")
                .hasMessageEndingWith("but BernoulliLikelihood needs values in [0.0, 1.0] (for images in [-1, 1], rescale"
                        + " with (x + 1) / 2)");
    }

    @Test
    void should_name_what_does_not_fit() {
        assertThatThrownBy(() -> Encoder.builder().input(1, 28, 28).flatten().latent(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("latent size must be >= 1 but was 0");
        assertThatThrownBy(() -> Encoder.builder().input(1, 28, 28).conv2d(4, 3, 1, 1).latent(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encoder layers must end in a flat vector for the latent head but end in [4, 28, 28]: add flatten()");
        assertThatThrownBy(() -> VaeTrainer.builder().batchSize(8).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("VaeTrainer is missing required settings: encoder, decoder, data, epochs or steps");
        Generator small = Generator.builder().latent(LatentSpace.gaussian(8)).dense(196).reshape(1, 14, 14).build();
        assertThatThrownBy(() -> trainer(1).decoder(small).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("VaeTrainer shapes do not fit: decoder output is [1, 14, 14] but data samples are [1, 28, 28];"
                        + " decoder latent is gaussian(8) but the encoder's posterior needs gaussian(16)");
        InMemoryDataSource tiny = InMemoryDataSource.of(new float[10 * 784], org.gan4j.Shape.of(1, 28, 28));
        assertThatThrownBy(() -> trainer(1).data(tiny).steps(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batchSize 64 exceeds the 10 samples of data");
        assertThatThrownBy(() -> VaeTrainer.builder().beta(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("beta must be finite and >= 0 but was -1.0");
        assertThatThrownBy(() -> GaussianLikelihood.fixed(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sigma must be finite and > 0 but was 0.0");
    }

    static double maxDifference(INDArray a, INDArray b) {
        return Math.abs(a.sub(b).amaxNumber().doubleValue());
    }
}
