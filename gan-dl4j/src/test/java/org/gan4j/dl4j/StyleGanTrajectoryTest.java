package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gan4j.dl4j.internal.stylegan.StyleGanFixture.JSON;
import static org.gan4j.dl4j.internal.stylegan.StyleGanFixture.array;
import static org.gan4j.dl4j.internal.stylegan.StyleGanFixture.setting;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.dl4j.internal.stylegan.StyleGanFixture;
import org.gan4j.dl4j.internal.stylegan.StyleGanGraphs;
import org.gan4j.optim.Adam;
import org.gan4j.zoo.StyleGan2;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ten alternating StyleGAN2 steps with lazy regularization (G main; path length every 2nd step on half the batch;
 * D main; R1 every 3rd step), Adam(0.0025, 0, 0.99) with the lazy-regularization correction and shared by each
 * network's phases, against the PyTorch float64 trajectory of src/test/python/stylegan2_fixture.py on the same
 * inputs: every loss, the final weights, the path-length mean and w̄ to 1e-4 relative (float32 here).
 */
class StyleGanTrajectoryTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void follows_the_pytorch_trajectory_with_lazy_regularization() {
        StyleGan2 arch = StyleGanFixture.arch();
        int b = StyleGanFixture.batch();
        int plEvery = (int) setting("pl_interval");
        int r1Every = (int) setting("r1_interval");
        ParameterStore g = new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(1));
        ParameterStore d = new ParameterStore("D", Nd4j.getRandomFactory().getNewRandomInstance(2));
        Execution execution = Execution.fromSystemProperty();
        boolean fused = execution.fusedOps();
        var gMainGraph = StyleGanGraphs.generatorMain(arch, g, d, b, DataType.FLOAT, fused);
        var plGraph = StyleGanGraphs.pathLength(arch, g, b / 2, DataType.FLOAT, setting("pl_weight") * plEvery, 0.01, fused);
        var dMainGraph = StyleGanGraphs.discriminatorMain(arch, g, d, b, DataType.FLOAT, fused);
        var r1Graph = StyleGanGraphs.r1(arch, d, b, DataType.FLOAT, setting("r1_gamma"), r1Every, fused);
        StyleGanFixture.load(JSON.get("weights"), DataType.FLOAT, g, d);
        Adam adam = new Adam(setting("learning_rate"), 0, setting("beta2"), 1e-8);
        NetworkUpdater gUpdater = new NetworkUpdater(StyleGanTrainer.lazyCorrected(adam, plEvery), g.parameters());
        NetworkUpdater dUpdater = new NetworkUpdater(StyleGanTrainer.lazyCorrected(adam, r1Every), d.parameters());
        gUpdater.stepParametersWithoutGradient();
        dUpdater.stepParametersWithoutGradient();
        PhaseGraph gMain = new PhaseGraph("generator", gMainGraph, StyleGanGraphs.LOSS, gUpdater, List.of(), execution);
        PhaseGraph pl = new PhaseGraph("generator-pl", plGraph, StyleGanGraphs.LOSS, gUpdater, List.of(), execution);
        PhaseGraph dMain = new PhaseGraph("discriminator", dMainGraph, StyleGanGraphs.LOSS, dUpdater, List.of(), execution);
        PhaseGraph r1 = new PhaseGraph("discriminator-r1", r1Graph, StyleGanGraphs.LOSS, dUpdater, List.of(), execution);
        INDArray wMean = Nd4j.create(DataType.FLOAT, arch.wSize());
        INDArray penalty = Nd4j.create(DataType.FLOAT, 1);
        INDArray length = Nd4j.create(DataType.FLOAT, 1);
        gMain.copyOutput(StyleGanGraphs.W_MEAN, wMean);
        pl.copyOutput(StyleGanGraphs.PL_PENALTY, penalty);
        pl.copyOutput(StyleGanGraphs.PL_LENGTH, length);

        double plMean = 0;
        INDArray wAverage = Nd4j.zeros(DataType.FLOAT, arch.wSize());
        JsonNode steps = JSON.get("trajectory").get("steps");
        for (int t = 0; t < steps.size(); t++) {
            JsonNode step = steps.get(t);
            JsonNode losses = step.get("losses");
            INDArray real = array(step.get("real")).castTo(DataType.FLOAT);
            double loss = gMain.step(StyleGanFixture.generatorFeed(step.get("g_main"), DataType.FLOAT), 0);
            assertRelative(loss, losses.get("g_main").asDouble(), "step " + t + " G main loss");
            wAverage.subi(wMean).muli(setting("w_avg_beta")).addi(wMean);
            if (t % plEvery == 0) {
                Map<String, INDArray> feed = StyleGanFixture.generatorFeed(step.get("path_length"), DataType.FLOAT);
                feed.put(StyleGanGraphs.PL_NOISE, array(step.get("path_length").get("pl_noise")).castTo(DataType.FLOAT));
                feed.put(StyleGanGraphs.PL_MEAN, Nd4j.create(new float[] {(float) plMean}, new long[] {1}));
                pl.step(feed, 0);
                assertRelative(penalty.getDouble(0), losses.get("path_length").asDouble(), "step " + t + " path length");
                plMean += 0.01 * (length.getDouble(0) - plMean);
            }
            Map<String, INDArray> feed = StyleGanFixture.generatorFeed(step.get("d_main"), DataType.FLOAT);
            feed.put(StyleGanGraphs.REAL, real);
            assertRelative(dMain.step(feed, 0), losses.get("d_main").asDouble(), "step " + t + " D main loss");
            if (t % r1Every == 0) {
                assertRelative(r1.step(Map.of(StyleGanGraphs.REAL, real), 0), losses.get("r1").asDouble(), "step " + t + " R1");
            }
        }
        JsonNode end = JSON.get("trajectory");
        assertRelative(plMean, end.get("pl_mean").asDouble(), "path length mean");
        assertThat(StyleGanFixture.relativeError(wAverage, end.get("w_avg"))).as("w average").isLessThan(TOLERANCE);
        for (ParameterStore store : List.of(g, d)) {
            store.parameters().forEach((name, value) -> assertThat(StyleGanFixture.relativeError(value,
                    end.get("final").get(name))).as("final %s", name).isLessThan(TOLERANCE));
        }
    }

    private static void assertRelative(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(TOLERANCE * Math.max(1e-3, Math.abs(expected))));
    }
}
