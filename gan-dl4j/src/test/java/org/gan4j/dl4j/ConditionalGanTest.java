package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.losses.WassersteinLoss;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConditionalGanTest {
    private static final int N = 600;

    /** 1-D data whose mean is set by the class: class c ~ N(3c, 0.3²). */
    private static InMemoryDataSource classShiftedData() {
        float[] values = new float[N];
        int[] labels = new int[N];
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int i = 0; i < N; i++) {
            labels[i] = i % 3;
            values[i] = (float) (3 * labels[i] + 0.3 * random.nextGaussian());
        }
        return InMemoryDataSource.of(values, Shape.of(1)).withLabels(labels, 3);
    }

    private static GanTrainer.Builder conditional1d(long steps) {
        return GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(4)).conditional(3)
                        .dense(32).leakyRelu(0.2).dense(32).leakyRelu(0.2).dense(1).build())
                .discriminator(Discriminator.builder().input(1).conditional(3)
                        .dense(32).leakyRelu(0.2).dense(32).leakyRelu(0.2).dense(1).build())
                .generatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999))
                .data(classShiftedData())
                .batchSize(60).steps(steps).seed(3);
    }

    @Test
    void should_generate_each_requested_class() {
        TrainedGan gan = conditional1d(1500).build().fit();
        for (int c = 0; c < 3; c++) {
            int[] labels = new int[500];
            java.util.Arrays.fill(labels, c);
            double mean = gan.sample(labels).meanNumber().doubleValue();
            assertThat(mean).as("class %d: data mean %d", c, 3 * c).isCloseTo(3.0 * c, org.assertj.core.data.Offset.offset(0.5));
        }
    }

    @Test
    void should_train_a_conditional_image_critic_with_the_wgan_gp_recipe() {
        float[] pixels = new float[90 * 16];
        int[] labels = new int[90];
        for (int i = 0; i < 90; i++) {
            labels[i] = i % 3;
            for (int p = 0; p < 16; p++) {
                pixels[i * 16 + p] = (float) Math.tanh(labels[i] - 1 + 0.1 * Math.sin(i + p));
            }
        }
        TrainedGan gan = GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(4)).conditional(3).dense(16).tanh()
                        .reshape(1, 4, 4).build())
                .discriminator(Discriminator.builder().input(1, 4, 4).conditional(3)
                        .conv2d(4, 3, 1, 1).leakyRelu(0.2).flatten().dense(1).build())
                .loss(WassersteinLoss.withGradientPenalty())
                .data(InMemoryDataSource.of(pixels, Shape.of(1, 4, 4)).withLabels(labels, 3))
                .batchSize(30).steps(3).seed(1).build().fit();
        assertThat(gan.history().steps()).hasSize(3).allSatisfy(r -> assertThat(r.discriminatorLoss()).isFinite());
        assertThat(gan.sample(new int[] {0, 1, 2, 2}).shape()).containsExactly(4, 1, 4, 4);
    }

    @Test
    void should_refuse_missing_labels_classes_out_of_range_and_mismatched_networks() {
        InMemoryDataSource unlabelled = InMemoryDataSource.of(new float[] {1, 2, 3}, Shape.of(1));
        assertThatThrownBy(() -> conditional1d(5).data(unlabelled).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the networks are conditional on 3 classes but the data source InMemoryDataSource(3 x [1]) has no"
                        + " labels (InMemoryDataSource.withLabels)");
        assertThatThrownBy(() -> unlabelled.withLabels(new int[] {0, 1, 3}, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("labels[2] must be in [0, 3) but was 3");
        assertThatThrownBy(() -> unlabelled.withLabels(new int[] {0, 1}, 3))
                .hasMessage("labels must have one entry per sample (3) but had 2");
        assertThatThrownBy(() -> conditional1d(5).discriminator(Discriminator.builder().input(1).dense(1).build()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the generator is conditional on 3 classes but the discriminator on 0 (0: unconditional)");
        assertThatThrownBy(() -> conditional1d(5).data(unlabelled.withLabels(new int[] {0, 1, 1}, 2)).build())
                .hasMessage("the networks are conditional on 3 classes but the data source's labels have 2");

        TrainedGan gan = conditional1d(2).build().fit();
        assertThatThrownBy(() -> gan.sample(new int[] {0, 5}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("labels[1] must be in [0, 3) but was 5");
        INDArray z = Nd4j.zeros(DataType.FLOAT, 2, 4);
        assertThatThrownBy(() -> gan.sample(z))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this generator is conditional on 3 classes: give labels with sample(latent, labels)");
        assertThatThrownBy(() -> gan.sample(z, new int[] {1}))
                .hasMessage("labels must have one class per latent vector (2) but had 1");
        assertThat(gan.sample(7).shape()).as("sample(n) draws classes uniformly").containsExactly(7, 1);
    }

    @Test
    void should_save_and_load_a_conditional_generator_and_resume_it_exactly(@TempDir Path dir) throws java.io.IOException {
        TrainedGan straight = conditional1d(10).checkpoints(dir, 5, 2).build().fit();
        TrainedGan resumed = conditional1d(10).build().resume(dir.resolve("checkpoint-000000005.zip"));
        assertThat(resumed.history().steps()).isEqualTo(straight.history().steps());
        INDArray z = Nd4j.rand(DataType.FLOAT, 3, 4);
        int[] labels = {2, 0, 1};
        straight.save(dir.resolve("g.zip"));
        GeneratorModel loaded = GeneratorModel.load(dir.resolve("g.zip"));
        assertThat(loaded.classes()).isEqualTo(3);
        assertThat(loaded.sample(z, labels)).isEqualTo(straight.sample(z, labels));
        assertThat(resumed.sample(z, labels)).isEqualTo(straight.sample(z, labels));

        for (String[] bad : new String[][] {{"classes", "-1", "an integer in [0, 1000000]"},
                {"sample.shape", "1,x", "1 to 4 sizes in [1, 1000000] separated by commas"},
                {"latent.size", "", "an integer in [1, 1000000]"}}) {
            Path broken = dir.resolve("broken-" + bad[0] + ".zip");
            VaeTrainerTest.rewriteMetadata(dir.resolve("g.zip"), broken, GeneratorModel.META_ENTRY, bad[0], bad[1]);
            assertThatThrownBy(() -> GeneratorModel.load(broken)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(broken + " has invalid generator metadata: " + bad[0] + " '" + bad[1] + "' must be " + bad[2]);
        }
        Path distribution = dir.resolve("broken-distribution.zip");
        VaeTrainerTest.rewriteMetadata(dir.resolve("g.zip"), distribution, GeneratorModel.META_ENTRY, "latent.distribution", "CAUCHY");
        assertThatThrownBy(() -> GeneratorModel.load(distribution)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(distribution + " has invalid generator metadata: latent.distribution 'CAUCHY' must be GAUSSIAN or UNIFORM");
    }

    /** Before, a label equal to the class count silently set a bit of the next row's one-hot label. */
    @Test
    void should_refuse_a_label_outside_the_classes_naming_where_it_came_from() {
        org.gan4j.data.GanDataSource lying = new org.gan4j.data.GanDataSource() {
            @Override
            public org.gan4j.Shape sampleShape() {
                return org.gan4j.Shape.of(1);
            }

            @Override
            public java.util.OptionalLong size() {
                return java.util.OptionalLong.of(120);
            }

            @Override
            public int classes() {
                return 3;
            }

            @Override
            public org.gan4j.data.SampleCursor open(long seed) {
                int[] served = {0};
                return new org.gan4j.data.SampleCursor() {
                    @Override
                    public boolean next(float[] destination, int offset) {
                        destination[offset] = 0.5f;
                        return served[0]++ < 120;
                    }

                    @Override
                    public int label() {
                        return served[0] == 7 ? 3 : served[0] % 3;
                    }
                };
            }
        };
        assertThatThrownBy(() -> conditional1d(2).data(lying).build().fit()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(" gave label 3 outside [0, 3) in pass 0, batch 0, row 6");
    }

    @Test
    void should_refuse_bad_class_counts_in_the_builders() {
        assertThatThrownBy(() -> Generator.builder().conditional(1)).hasMessage("classes must be >= 2 but was 1");
        assertThatThrownBy(() -> Discriminator.builder().input(2, 2).conditional(3).dense(1).build())
                .hasMessage("a conditional discriminator needs inputs [n] or [c, h, w] but had [2, 2]");
    }
}
