package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.gan4j.Shape;
import org.gan4j.augment.DiffAugment;
import org.gan4j.augment.DiffAugment.Op;
import org.gan4j.dl4j.internal.data.AugmentSampler;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DiffAugment's graph ops against closed forms on fixed parameters, its input gradient against finite differences,
 * and the parameter draws (ranges, probability, determinism).
 */
class AugmentGraphTest {
    static final Shape RGB = Shape.of(3, 6, 5);

    private static INDArray images(long seed, Shape shape, int batch, DataType type) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape.withBatch(batch)).castTo(type).muli(2).subi(1);
    }

    private static INDArray run(DiffAugment policy, INDArray x, Map<String, INDArray> params) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", x.dataType(), x.shape());
        SDVariable out = AugmentGraph.apply(sd, in, policy, "aug", Shape.of(x.size(1), x.size(2), x.size(3)), (int) x.size(0));
        Map<String, INDArray> feed = new HashMap<>(params);
        feed.put("x", x);
        return sd.output(feed, out.name()).get(out.name());
    }

    private static Map<String, INDArray> identity(DiffAugment policy, Shape shape, int batch) {
        AugmentSampler sampler = new AugmentSampler(policy, shape, batch, 1);
        Map<String, INDArray> p = sampler.allocate("aug");
        sampler.fill(p, "aug", 0.0);
        return p;
    }

    @Test
    void should_apply_brightness_saturation_and_contrast_as_written() {
        DiffAugment color = DiffAugment.of(Op.COLOR);
        INDArray x = images(3, RGB, 2, DataType.FLOAT);
        Map<String, INDArray> p = identity(color, RGB, 2);
        double[] b = {0.3, -0.2};
        double[] s = {1.7, 0.4};
        double[] k = {0.6, 1.3};
        for (int i = 0; i < 2; i++) {
            p.get("aug/brightness").putScalar(i, b[i]);
            p.get("aug/saturation").putScalar(i, s[i]);
            p.get("aug/contrast").putScalar(i, k[i]);
        }
        INDArray y = run(color, x, p);
        for (int n = 0; n < 2; n++) {
            double[][][] v = new double[3][6][5];
            double total = 0;
            for (int h = 0; h < 6; h++) {
                for (int w = 0; w < 5; w++) {
                    double mean = 0;
                    for (int c = 0; c < 3; c++) {
                        mean += (x.getDouble(n, c, h, w) + b[n]) / 3;
                    }
                    for (int c = 0; c < 3; c++) {
                        v[c][h][w] = (x.getDouble(n, c, h, w) + b[n] - mean) * s[n] + mean;
                        total += v[c][h][w];
                    }
                }
            }
            double imageMean = total / 90;
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 6; h++) {
                    for (int w = 0; w < 5; w++) {
                        assertThat(y.getDouble(n, c, h, w)).isCloseTo((v[c][h][w] - imageMean) * k[n] + imageMean, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void should_translate_with_zero_fill_and_cut_out_a_square() {
        DiffAugment policy = DiffAugment.of(Op.TRANSLATION, Op.CUTOUT);
        INDArray x = images(4, RGB, 1, DataType.FLOAT);
        Map<String, INDArray> p = identity(policy, RGB, 1);
        INDArray rows = p.get("aug/rows");
        INDArray columns = p.get("aug/columns");
        rows.assign(0);
        columns.assign(0);
        int th = 1;
        int tw = -2;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 6; i++) {
                if (i + th < 6) {
                    rows.putScalar(new long[] {0, c, i, i + th}, 1);
                }
            }
            for (int j = 0; j < 5; j++) {
                if (j + tw >= 0) {
                    columns.putScalar(new long[] {0, c, j + tw, j}, 1);
                }
            }
        }
        p.get("aug/mask").putScalar(new long[] {0, 0, 2, 3}, 0);
        INDArray y = run(policy, x, p);
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 5; j++) {
                    boolean inside = i + th < 6 && j + tw >= 0 && !(i == 2 && j == 3);
                    double expected = inside ? x.getDouble(0, c, i + th, j + tw) : 0;
                    assertThat(y.getDouble(0, c, i, j)).as("pixel %d,%d,%d", c, i, j).isCloseTo(expected, within(1e-6));
                }
            }
        }
    }

    @Test
    void should_leave_images_unchanged_at_probability_zero() {
        DiffAugment all = DiffAugment.colorTranslationCutout();
        INDArray x = images(5, RGB, 4, DataType.FLOAT);
        assertThat(run(all, x, identity(all, RGB, 4)).sub(x).amaxNumber().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void should_pass_the_gradient_to_the_images_as_finite_differences_say() {
        DiffAugment all = DiffAugment.colorTranslationCutout();
        int batch = 3;
        AugmentSampler sampler = new AugmentSampler(all, RGB, batch, 11);
        Map<String, INDArray> params = sampler.allocate("aug");
        sampler.fill(params, "aug", 1.0);
        SameDiff sd = SameDiff.create();
        INDArray xArr = images(6, RGB, batch, DataType.DOUBLE);
        SDVariable x = sd.var("x", xArr);
        SDVariable y = AugmentGraph.apply(sd, x, all, "aug", RGB, batch);
        y.mul(sd.constant(images(7, RGB, batch, DataType.DOUBLE))).sum().rename("loss");
        sd.setLossVariables("loss");
        Map<String, INDArray> feed = new HashMap<>();
        params.forEach((k, v) -> feed.put(k, v.castTo(DataType.DOUBLE)));
        INDArray gradient = sd.calculateGradients(feed, "x").get("x");
        double h = 1e-6;
        for (int i = 0; i < xArr.length(); i += 7) {
            double x0 = xArr.getDouble(i);
            xArr.putScalar(i, x0 + h);
            double plus = sd.outputSingle(feed, "loss").getDouble(0);
            xArr.putScalar(i, x0 - h);
            double minus = sd.outputSingle(feed, "loss").getDouble(0);
            xArr.putScalar(i, x0);
            assertThat(gradient.getDouble(i)).as("d loss / d x[%d]", i).isCloseTo((plus - minus) / (2 * h), within(1e-7));
        }
    }

    @Test
    void should_draw_parameters_in_the_documented_ranges_reproducibly() {
        Shape mnist = Shape.of(1, 28, 28);
        DiffAugment all = DiffAugment.colorTranslationCutout();
        AugmentSampler sampler = new AugmentSampler(all, mnist, 64, 5);
        Map<String, INDArray> p = sampler.allocate("a");
        assertThat(p).doesNotContainKey("a/saturation");
        sampler.fill(p, "a", 1.0);
        assertThat(p.get("a/brightness").minNumber().doubleValue()).isGreaterThanOrEqualTo(-0.5);
        assertThat(p.get("a/brightness").maxNumber().doubleValue()).isLessThan(0.5);
        assertThat(p.get("a/contrast").minNumber().doubleValue()).isGreaterThanOrEqualTo(0.5);
        assertThat(p.get("a/contrast").maxNumber().doubleValue()).isLessThan(1.5);
        int largestShift = 0;
        for (int b = 0; b < 64; b++) {
            INDArray r = p.get("a/rows").get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0));
            int shift = r.getRow(14).argMax().getInt(0) - 14;
            assertThat(r.sumNumber().doubleValue()).as("rows kept by shift %d", shift).isEqualTo(28.0 - Math.abs(shift));
            largestShift = Math.max(largestShift, Math.abs(shift));
            assertThat(Math.abs(shift)).isLessThanOrEqualTo(4);
            double zeros = 784 - p.get("a/mask").get(org.nd4j.linalg.indexing.NDArrayIndex.point(b)).sumNumber().doubleValue();
            assertThat(zeros).as("cut-out pixels of sample %d", b).isBetween(49.0, 196.0);
        }
        assertThat(largestShift).as("64 draws reach the largest shift").isEqualTo(4);

        Map<String, INDArray> again = sampler.allocate("a");
        AugmentSampler replay = new AugmentSampler(all, mnist, 64, 5);
        replay.fill(again, "a", 1.0);
        p.forEach((name, array) -> assertThat(again.get(name)).as(name).isEqualTo(array));
        sampler.fill(p, "a", 1.0);
        replay.restoreFills(1);
        replay.fill(again, "a", 1.0);
        p.forEach((name, array) -> assertThat(again.get(name)).as(name + " after a restored counter").isEqualTo(array));
    }

    @Test
    void should_give_real_and_generated_batches_the_same_policy_in_both_phases() {
        DiffAugment all = DiffAugment.colorTranslationCutout();
        GanGraphs graphs = GanGraphs.build(org.gan4j.zoo.Dcgan.generator(), org.gan4j.zoo.Dcgan.discriminator(),
                new org.gan4j.losses.NonSaturatingLoss(), java.util.List.of(), all, 4,
                new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(1)),
                new ParameterStore("D", Nd4j.getRandomFactory().getNewRandomInstance(2)), org.gan4j.dl4j.Execution.SAMEDIFF);
        java.util.function.BiFunction<SameDiff, String, java.util.Set<String>> ops = (sd, prefix) -> sd.inputs().stream()
                .filter(n -> n.startsWith(prefix + "/")).map(n -> n.substring(prefix.length() + 1))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        java.util.Set<String> expected = new java.util.TreeSet<>(java.util.List.of("brightness", "contrast", "rows", "columns", "mask"));
        assertThat(ops.apply(graphs.discriminatorGraph(), AugmentGraph.REAL_BATCH)).isEqualTo(expected);
        assertThat(ops.apply(graphs.discriminatorGraph(), AugmentGraph.FAKE_BATCH)).isEqualTo(expected);
        assertThat(ops.apply(graphs.generatorGraph(), AugmentGraph.GENERATED_BATCH)).isEqualTo(expected);
        assertThat(graphs.discriminatorGraph().hasVariable(AugmentGraph.REAL_SIGNS)).isTrue();
    }

    @Test
    void should_apply_each_op_with_the_given_probability() {
        DiffAugment color = DiffAugment.of(Op.COLOR);
        AugmentSampler sampler = new AugmentSampler(color, Shape.of(1, 8, 8), 4000, 9);
        Map<String, INDArray> p = sampler.allocate("a");
        sampler.fill(p, "a", 0.3);
        double applied = p.get("a/brightness").neq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertThat(applied).isCloseTo(0.3, within(0.03));
    }
}
