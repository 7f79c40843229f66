package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.gan4j.CycleGanStepResult;
import org.gan4j.GanTrainingException;
import org.gan4j.ImagePreview;
import org.gan4j.Shape;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.data.GanDataSource;
import org.gan4j.data.SampleCursor;
import org.gan4j.dl4j.listeners.HtmlReportListener;
import org.gan4j.dl4j.listeners.ProgressBarListener;
import org.gan4j.dl4j.listeners.SampleGridListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The run core's features, every trainer's, shown on a CycleGAN: listeners, EMA, rollback. */
class CycleGanRunCoreTest {

    @Test
    void should_draw_the_progress_bar_translation_grids_and_the_report(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bar = new ByteArrayOutputStream();
        AtomicReference<ImagePreview> last = new AtomicReference<>();
        TrainedCycleGan gan = CycleGanTrainerTest.trainer().steps(6)
                .listener(new ProgressBarListener(new PrintStream(bar, true, StandardCharsets.UTF_8), 1))
                .listener(new SampleGridListener(dir, 3, 12, 4, 5))
                .listener(new HtmlReportListener(dir, 3, "no metrics"))
                .listener(new TrainingListener() {
                    @Override
                    public void onFitEnd(TrainingView view) {
                        last.set(view.preview(12, 4, 5).orElseThrow());
                    }
                })
                .build().fit();

        assertThat(bar.toString(StandardCharsets.UTF_8)).contains("6/6").containsPattern("D \\d+\\.\\d{4}  G \\d+\\.\\d{4}");
        for (String file : new String[] {"samples-step-000003.png", "samples-step-000006.png", "samples-final.png"}) {
            BufferedImage grid = ImageIO.read(dir.resolve(file).toFile());
            assertThat(grid.getWidth()).as("6 columns of 8 pixels and gaps").isEqualTo(6 * 9 + 1);
            assertThat(grid.getHeight()).as("2 rows").isEqualTo(2 * 9 + 1);
        }
        ImagePreview preview = last.get();
        assertThat(preview.columns()).isEqualTo(6);
        INDArray images = preview.images();
        assertThat(images.shape()).containsExactly(12, 1, 8, 8);
        for (int row = 0; row < 2; row++) {
            INDArray x = images.get(NDArrayIndex.interval(6 * row, 6 * row + 1));
            INDArray gx = gan.translateXToY(x);
            assertThat(images.get(NDArrayIndex.interval(6 * row + 1, 6 * row + 2))).isEqualTo(gx);
            assertThat(images.get(NDArrayIndex.interval(6 * row + 2, 6 * row + 3))).isEqualTo(gan.translateYToX(gx));
            INDArray y = images.get(NDArrayIndex.interval(6 * row + 3, 6 * row + 4));
            assertThat(images.get(NDArrayIndex.interval(6 * row + 4, 6 * row + 5))).isEqualTo(gan.translateYToX(y));
        }

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("6 of 6").contains("alt=\"loss terms\"").contains("alt=\"samples\"").contains("<th>family</th><td class=\"v\">CycleGAN</td>");
        JsonNode run = new ObjectMapper().readTree(dir.resolve("run.json").toFile());
        CycleGanStepResult final6 = gan.history().get(5);
        assertThat(run.get("final_terms").get(CycleGanStepResult.CYCLE_X).asDouble()).isEqualTo(final6.cycleX());
        assertThat(run.get("final_generator_loss").asDouble()).isEqualTo(final6.generatorLoss());
    }

    @Test
    void should_average_both_translators_and_sample_with_the_average(@TempDir Path dir) {
        INDArray x = CycleGanTrainerTest.array(3, 9, -0.8);
        TrainedCycleGan plain = CycleGanTrainerTest.trainer().build().fit();
        TrainedCycleGan copying = CycleGanTrainerTest.trainer().generatorEma(0, 0).build().fit();
        assertThat(copying.translateXToY(x)).as("decay 0 copies the weights").isEqualTo(plain.translateXToY(x));
        assertThat(copying.history()).isEqualTo(plain.history());

        TrainedCycleGan averaged = CycleGanTrainerTest.trainer().generatorEma(0.9, 0).checkpoints(dir, 1, 10).build().fit();
        assertThat(averaged.history()).as("the average does not change training").isEqualTo(plain.history());
        assertThat(averaged.translateXToY(x)).isNotEqualTo(plain.translateXToY(x));
        for (int s = 2; s <= 6; s++) {
            int step = s;
            Checkpoint before = Checkpoint.read(Checkpoint.fileFor(dir, step - 1));
            Checkpoint after = Checkpoint.read(Checkpoint.fileFor(dir, step));
            for (String network : new String[] {"G", "F"}) {
                Map<String, INDArray> average = after.arrays("EMA/" + network + "/params");
                Map<String, INDArray> previous = before.arrays("EMA/" + network + "/params");
                Map<String, INDArray> weights = after.arrays(network + "/params");
                assertThat(average.keySet()).isEqualTo(weights.keySet()).isNotEmpty();
                average.forEach((name, value) -> {
                    double[] expected = previous.get(name).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mul(0.9)
                            .add(weights.get(name).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).mul(0.1))
                            .data().asDouble();
                    double[] actual = value.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
                    for (int i = 0; i < actual.length; i++) {
                        assertThat(actual[i]).as("%s %s[%d] at step %d", network, name, i, step).isCloseTo(expected[i], within(1e-6));
                    }
                });
            }
        }
        TrainedCycleGan resumed = CycleGanTrainerTest.trainer().generatorEma(0.9, 0).build()
                .resume(Checkpoint.fileFor(dir, 3));
        assertThat(resumed.history()).isEqualTo(averaged.history());
        assertThat(resumed.translateXToY(x)).isEqualTo(averaged.translateXToY(x));
        assertThat(resumed.translateYToX(x)).isEqualTo(averaged.translateYToX(x));
    }

    /**
     * Domain X with one sample served as 3e38 (finite, so it passes the data check, but it overflows the loss): the
     * 38th sample read, in the 10th batch of 4 (step 10).
     */
    private static GanDataSource poisonedOnce() {
        return poisonedOnce(3e38f);
    }

    /** Domain X with one sample's values replaced by {@code value}: the 38th sample read, in the 10th batch of 4. */
    static GanDataSource poisonedOnce(float value) {
        GanDataSource clean = CycleGanTrainerTest.images(20, 1, -0.8);
        AtomicLong served = new AtomicLong();
        return new GanDataSource() {
            @Override
            public Shape sampleShape() {
                return clean.sampleShape();
            }

            @Override
            public OptionalLong size() {
                return clean.size();
            }

            @Override
            public SampleCursor open(long seed) {
                SampleCursor cursor = clean.open(seed);
                return (destination, offset) -> {
                    boolean more = cursor.next(destination, offset);
                    if (more && served.incrementAndGet() == 38) {
                        java.util.Arrays.fill(destination, offset, offset + 64, value);
                    }
                    return more;
                };
            }
        };
    }

    @Test
    void should_roll_back_an_injected_divergence_and_finish(@TempDir Path dir) {
        assertThatThrownBy(() -> CycleGanTrainerTest.trainer().dataX(poisonedOnce()).steps(14).build().fit())
                .isInstanceOf(GanTrainingException.class)
                // instance norm's statistics of 3e38: float64 sums (fused ops) give an infinite loss, float ones NaN
                .hasMessageMatching("step 10: the generators loss \\(LeastSquares\\(generatorScale=1\\.0\\), cycle weight"
                        + " 10\\.0\\) is (Infinity|NaN)");

        List<StepResult> seen = new ArrayList<>();
        TrainedCycleGan gan = CycleGanTrainerTest.trainer().dataX(poisonedOnce()).steps(14).checkpoints(dir, 4, 2)
                .rollbackOnDivergence(0.5, 1)
                .listener(new TrainingListener() {
                    @Override
                    public void onStepEnd(TrainingView view, StepResult result) {
                        seen.add(result);
                    }
                })
                .build().fit();
        assertThat(seen.stream().map(StepResult::step)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 9L, 10L, 11L, 12L,
                13L, 14L);
        assertThat(seen.get(9)).as("step 9 again after the rollback to step 8: same weights, same batches")
                .isEqualTo(seen.get(8));
        assertThat(gan.history()).hasSize(14).allSatisfy(r -> {
            assertThat(r.generatorLoss()).isFinite();
            assertThat(r.discriminatorLoss()).isFinite();
        });
    }

    @Test
    void should_refuse_a_non_finite_value_in_the_data_naming_where_it_came_from() {
        assertThatThrownBy(() -> CycleGanTrainerTest.trainer().dataX(poisonedOnce(Float.NaN)).steps(14).build().fit())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("data source ")
                .hasMessageEndingWith(" gave NaN in pass 1, batch 4, row 1, value 0: training data must be finite");
    }

    @Test
    void should_train_for_epochs_over_domain_x() {
        List<Integer> ended = new ArrayList<>();
        List<Long> totals = new ArrayList<>();
        TrainedCycleGan gan = CycleGanTrainer.builder().xToY(CycleGanTrainerTest.small()).yToX(CycleGanTrainerTest.small())
                .discriminatorX(CycleGanTrainerTest.patch()).discriminatorY(CycleGanTrainerTest.patch())
                .dataX(CycleGanTrainerTest.images(20, 1, -0.8)).dataY(CycleGanTrainerTest.images(12, 2, 0.2))
                .batchSize(4).epochs(2).seed(3)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(TrainingView view, int epoch) {
                        ended.add(epoch);
                        totals.add(view.totalSteps());
                    }
                })
                .build().fit();
        // 20 images of X in batches of 4: 5 steps per epoch (Y, 12 images, wraps every 3 steps without counting)
        assertThat(gan.history()).hasSize(10);
        assertThat(gan.lossHistory().steps().stream().map(StepResult::epoch)).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
        assertThat(ended).containsExactly(0, 1);
        assertThat(totals).containsOnly(10L);
    }
}
