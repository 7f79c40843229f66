package org.gan4j.dl4j.internal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.gan4j.dl4j.internal.exec.PhaseGraph;
import org.gan4j.dl4j.internal.optim.NetworkUpdater;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Thirty alternating D/G steps with Adam on fixed batches, replayed against PyTorch's loss trajectory. */
class TrainingStepReplayTest {

    @Test
    void should_follow_the_pytorch_loss_trajectory() throws Exception {
        GanGraphsGradientTest.build();
        JsonNode fixture = GanGraphsGradientTest.fixture;
        ParameterStore g = new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(1));
        ParameterStore d = new ParameterStore("D", Nd4j.getRandomFactory().getNewRandomInstance(2));
        GanGraphs graphs = GanGraphs.build(GanGraphsGradientTest.generator, GanGraphsGradientTest.discriminator,
                new NonSaturatingLoss(), java.util.List.of(), 6, g, d, org.gan4j.dl4j.Execution.fromSystemProperty());
        GanGraphsGradientTest.load(fixture.get("g"), GanGraphsGradientTest.G_NAMES, g);
        GanGraphsGradientTest.load(fixture.get("d"), GanGraphsGradientTest.D_NAMES, d);
        OptimizerSpec adam = OptimizerSpec.adam(2e-4, 0.5, 0.999);
        PhaseGraph dPhase = new PhaseGraph("discriminator", graphs.discriminatorGraph(), graphs.discriminatorLoss(),
                new NetworkUpdater(adam, d.parameters()), graphs.discriminatorUpdates(),
                org.gan4j.dl4j.Execution.fromSystemProperty());
        PhaseGraph gPhase = new PhaseGraph("generator", graphs.generatorGraph(), graphs.generatorLoss(),
                new NetworkUpdater(adam, g.parameters()), graphs.generatorUpdates(), org.gan4j.dl4j.Execution.fromSystemProperty());
        Map<String, INDArray> dFeed = Map.of(GanGraphs.REAL, GanGraphsGradientTest.array(fixture.get("real")).castTo(DataType.FLOAT),
                GanGraphs.LATENT, GanGraphsGradientTest.array(fixture.get("z_d")).castTo(DataType.FLOAT));
        Map<String, INDArray> gFeed = Map.of(GanGraphs.LATENT, GanGraphsGradientTest.array(fixture.get("z_g")).castTo(DataType.FLOAT));
        JsonNode trajectory = fixture.get("trajectory");
        for (int step = 0; step < trajectory.size(); step++) {
            double lossD = dPhase.step(dFeed, 0);
            double lossG = gPhase.step(gFeed, 0);
            assertThat(lossD).as("D loss at step %d", step + 1).isCloseTo(trajectory.get(step).get(0).asDouble(), within(2e-4));
            assertThat(lossG).as("G loss at step %d", step + 1).isCloseTo(trajectory.get(step).get(1).asDouble(), within(2e-4));
        }
        assertThat(dPhase.compiled()).as("the discriminator phase runs from a compiled plan")
                .isEqualTo(org.gan4j.dl4j.Execution.fromSystemProperty() == org.gan4j.dl4j.Execution.COMPILED);
        assertThat(gPhase.compiled()).as("the generator phase runs from a compiled plan")
                .isEqualTo(org.gan4j.dl4j.Execution.fromSystemProperty() == org.gan4j.dl4j.Execution.COMPILED);
    }
}
