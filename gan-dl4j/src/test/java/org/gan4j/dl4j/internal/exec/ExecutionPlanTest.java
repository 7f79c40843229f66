package org.gan4j.dl4j.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.dl4j.internal.ops.TestArrays;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A compiled schedule against closed-form gradients, against SameDiff's own session, and on bad feeds. */
class ExecutionPlanTest {
    final SplittableRandom random = new SplittableRandom(5);

    INDArray randomArray(long... shape) {
        return TestArrays.uniform(random, shape);
    }

    /** L = (1/N) Σ_n ½ Σ_j tanh(x W + b)_nj², through a legacy reduction, a scalar op and an identity. */
    SameDiff tanhRegression(INDArray w, INDArray b) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 4, 3);
        SDVariable h = sd.math.tanh(x.mmul(sd.var("W", w)).add(sd.var("b", b)));
        SDVariable perRow = sd.identity(h.mul(h).sum(1).mul(0.5));
        SDVariable loss = perRow.mean().rename("loss");
        sd.setLossVariables("loss");
        sd.createGradFunction();
        return sd;
    }

    @Test
    void should_compute_the_closed_form_gradients_and_reuse_its_arrays_between_runs() {
        INDArray w = randomArray(3, 2);
        INDArray b = randomArray(2);
        SameDiff sd = tanhRegression(w, b);
        String wGrad = sd.getVariable("W").getGradient().name();
        String bGrad = sd.getVariable("b").getGradient().name();
        ExecutionPlan plan = new ExecutionPlan(sd.getFunction("grad"), List.of("loss", wGrad, bGrad));
        INDArray x = randomArray(4, 3);
        Map<String, INDArray> first = plan.run(Map.of("x", x));
        expectClosedForm(first, x, w, b, wGrad, bGrad);
        INDArray lossArray = first.get("loss");

        x.assign(randomArray(4, 3));
        Map<String, INDArray> refilled = plan.run(Map.of("x", x));
        expectClosedForm(refilled, x, w, b, wGrad, bGrad);

        w.addi(0.25);
        INDArray other = randomArray(4, 3);
        Map<String, INDArray> updated = plan.run(Map.of("x", other));
        expectClosedForm(updated, other, w, b, wGrad, bGrad);
        assertThat(updated.get("loss")).isSameAs(lossArray);
    }

    void expectClosedForm(Map<String, INDArray> out, INDArray x, INDArray w, INDArray b, String wGrad, String bGrad) {
        int n = 4;
        double loss = 0;
        double[][] dW = new double[3][2];
        double[] db = new double[2];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < 2; j++) {
                double z = b.getDouble(j);
                for (int i = 0; i < 3; i++) {
                    z += x.getDouble(r, i) * w.getDouble(i, j);
                }
                double h = Math.tanh(z);
                loss += 0.5 * h * h / n;
                double dz = h / n * (1 - h * h);
                db[j] += dz;
                for (int i = 0; i < 3; i++) {
                    dW[i][j] += x.getDouble(r, i) * dz;
                }
            }
        }
        assertThat(out.get("loss").getDouble(0)).isCloseTo(loss, within(1e-6));
        for (int j = 0; j < 2; j++) {
            assertThat(out.get(bGrad).getDouble(j)).isCloseTo(db[j], within(1e-6));
            for (int i = 0; i < 3; i++) {
                assertThat(out.get(wGrad).getDouble(i, j)).isCloseTo(dW[i][j], within(1e-6));
            }
        }
    }

    @Test
    void should_match_samediffs_own_session_on_a_convolutional_network_with_batch_norm() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 8, 2, 6, 6);
        SDVariable w = sd.var("W", randomArray(3, 3, 2, 4));
        SDVariable conv = sd.cnn.conv2d(x, w, org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig
                .builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1).dataFormat("NCHW").build());
        SDVariable mean = conv.mean(true, 0, 2, 3);
        SDVariable centred = conv.sub(mean);
        SDVariable y = centred.div(sd.math.sqrt(centred.mul(centred).mean(true, 0, 2, 3).add(1e-5)))
                .mul(sd.var("gamma", randomArray(1, 4, 1, 1)));
        SDVariable loss = sd.math.log1p(sd.math.exp(y.neg())).mean().rename("loss");
        sd.setLossVariables("loss");
        sd.createGradFunction();
        List<String> requested = List.of("loss", sd.getVariable("W").getGradient().name(),
                sd.getVariable("gamma").getGradient().name(), mean.name());
        ExecutionPlan plan = new ExecutionPlan(sd.getFunction("grad"), requested);
        for (int run = 0; run < 3; run++) {
            INDArray input = randomArray(8, 2, 6, 6);
            Map<String, INDArray> expected = sd.getFunction("grad").output(Map.of("x", input), requested);
            Map<String, INDArray> actual = plan.run(Map.of("x", input));
            for (String name : requested) {
                assertThat(actual.get(name).shape()).as(name).containsExactly(expected.get(name).shape());
                double scale = Math.max(1e-3, expected.get(name).amaxNumber().doubleValue());
                assertThat(actual.get(name).sub(expected.get(name)).amaxNumber().doubleValue() / scale).as(name)
                        .isLessThan(1e-5);
            }
        }
    }

    @Test
    void should_name_a_missing_or_misshapen_placeholder() {
        SameDiff sd = tanhRegression(randomArray(3, 2), randomArray(2));
        ExecutionPlan plan = new ExecutionPlan(sd.getFunction("grad"), List.of("loss"));
        assertThatThrownBy(() -> plan.run(Map.of())).hasMessageContaining("placeholder x was not fed");
        plan.run(Map.of("x", randomArray(4, 3)));
        assertThatThrownBy(() -> plan.run(Map.of("x", randomArray(5, 3))))
                .hasMessageContaining("placeholder x has shape [5, 3]; this plan was compiled for [4, 3]");
    }

    @Test
    void should_refuse_graphs_with_control_flow() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, 2);
        SDVariable y = sd.ifCond("branch", null, s -> s.getVariable("x").sum().gt(0), s -> s.getVariable("x").mul(2),
                s -> s.getVariable("x").mul(3));
        assertThat(OpSchedule.unsupportedOp(sd, List.of(y.name()))).isPresent();
        SameDiff plain = tanhRegression(randomArray(3, 2), randomArray(2));
        assertThat(OpSchedule.unsupportedOp(plain.getFunction("grad"), List.of("loss"))).isEmpty();
    }
}
