package org.gan4j.dl4j.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gan4j.dl4j.internal.exec.ExecutionPlan;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * The single-channel convolutions and their gradients against libnd4j's native convolution ops differentiated by
 * SameDiff itself, for several kernel / stride / padding geometries.
 */
class PatchOpsTest {
    final SplittableRandom random = new SplittableRandom(11);

    INDArray randomArray(long... shape) {
        return TestArrays.uniform(random, shape);
    }

    interface Layer {
        SDVariable apply(SameDiff sd, SDVariable x, SDVariable w, SDVariable b);
    }

    /** Loss Σ y·r through the layer; returns [loss, ∂x, ∂W, ∂b] from a plan (fused) or SameDiff (native). */
    List<INDArray> lossAndGradients(Layer layer, INDArray x, INDArray w, INDArray b, INDArray r, boolean plan) {
        SameDiff sd = SameDiff.create();
        // x enters through an op, as inside a network (its shape is then unknown to SameDiff when building gradients)
        SDVariable xv = sd.var("x", x.dup());
        SDVariable y = layer.apply(sd, xv.mul(1.0), sd.var("w", w.dup()), sd.var("b", b.dup()));
        y.mul(sd.constant(r)).sum().rename("loss");
        sd.setLossVariables("loss");
        if (!plan) {
            Map<String, INDArray> g = sd.calculateGradients(Map.of(), "x", "w", "b");
            return List.of(sd.output(Map.of(), "loss").get("loss"), g.get("x"), g.get("w"), g.get("b"));
        }
        org.nd4j.autodiff.samediff.api.OutAndGrad out = ExecutionPlan.outputsAndGradients(sd, Map.of(), List.of("loss"), List.of("x", "w", "b"));
        return List.of(out.getOutputs().get("loss"), out.getGradients().get("x"), out.getGradients().get("w"),
                out.getGradients().get("b"));
    }

    static void assertClose(List<INDArray> actual, List<INDArray> expected) {
        String[] names = {"loss", "dx", "dW", "db"};
        for (int i = 0; i < names.length; i++) {
            INDArray e = expected.get(i).castTo(DataType.DOUBLE);
            INDArray a = actual.get(i).castTo(DataType.DOUBLE).reshape(e.shape());
            double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
            assertThat(a.sub(e).amaxNumber().doubleValue() / scale).as(names[i]).isLessThan(1e-5);
        }
    }

    @ParameterizedTest(name = "k{0} s{1} p{2} on {3}×{3}")
    @CsvSource({"4,2,1,28", "3,1,1,7", "5,2,2,9", "4,2,1,13"})
    void should_match_the_native_convolution_from_one_channel(int k, int s, int p, int size) {
        int[] geometry = {k, s, p};
        Conv2DConfig config = Conv2DConfig.builder().kH(k).kW(k).sH(s).sW(s).pH(p).pW(p).dataFormat("NCHW").build();
        INDArray x = randomArray(3, 1, size, size);
        INDArray w = randomArray(k, k, 1, 5);
        INDArray b = randomArray(5);
        long out = (size + 2L * p - k) / s + 1;
        INDArray r = randomArray(3, 5, out, out);
        List<INDArray> fused = lossAndGradients((sd, xv, wv, bv) -> PatchOps.convFromOneChannel(xv, wv, bv, geometry, size, size),
                x, w, b, r, true);
        List<INDArray> nativeOps = lossAndGradients((sd, xv, wv, bv) -> sd.cnn.conv2d(xv, wv, bv, config), x, w, b, r, false);
        assertClose(fused, nativeOps);
    }

    @ParameterizedTest(name = "k{0} s{1} p{2} from {3}×{3}")
    @CsvSource({"4,2,1,14", "3,1,1,7", "5,2,2,5", "2,2,0,6"})
    void should_match_the_native_transposed_convolution_to_one_channel(int k, int s, int p, int size) {
        int[] geometry = {k, s, p};
        DeConv2DConfig config = DeConv2DConfig.builder().kH(k).kW(k).sH(s).sW(s).pH(p).pW(p).dataFormat("NCHW").build();
        INDArray x = randomArray(3, 6, size, size);
        INDArray w = randomArray(k, k, 1, 6);
        INDArray b = randomArray(1);
        long out = (size - 1L) * s - 2L * p + k;
        INDArray r = randomArray(3, 1, out, out);
        List<INDArray> fused = lossAndGradients(
                (sd, xv, wv, bv) -> PatchOps.transposedConvToOneChannel(xv, wv, bv, geometry, out, out), x, w, b, r, true);
        List<INDArray> nativeOps = lossAndGradients((sd, xv, wv, bv) -> sd.cnn.deconv2d(xv, wv, bv, config), x, w, b, r, false);
        assertClose(fused, nativeOps);
    }

    @ParameterizedTest(name = "k{0} on {1}×{2} from {3} channels")
    @CsvSource({"7,28,28,16", "3,7,7,64", "5,9,6,3", "1,4,5,2"})
    void should_match_the_native_same_convolution_to_one_channel(int k, int height, int width, int channels) {
        int p = (k - 1) / 2;
        assertThat(SameConvToOneChannel.applies(k, 1, p)).isTrue();
        Conv2DConfig config = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).pH(p).pW(p).dataFormat("NCHW").build();
        INDArray x = randomArray(3, channels, height, width);
        INDArray w = randomArray(k, k, channels, 1);
        INDArray b = randomArray(1);
        INDArray r = randomArray(3, 1, height, width);
        List<INDArray> fused = lossAndGradients((sd, xv, wv, bv) -> SameConvToOneChannel.apply(xv, wv, bv, k), x, w, b, r, true);
        List<INDArray> nativeOps = lossAndGradients((sd, xv, wv, bv) -> sd.cnn.conv2d(xv, wv, bv, config), x, w, b, r, false);
        assertClose(fused, nativeOps);
    }

    @org.junit.jupiter.api.Test
    void should_apply_only_to_stride_one_same_geometry() {
        assertThat(SameConvToOneChannel.applies(4, 1, 1)).as("even kernel").isFalse();
        assertThat(SameConvToOneChannel.applies(3, 2, 1)).as("stride 2").isFalse();
        assertThat(SameConvToOneChannel.applies(3, 1, 0)).as("valid padding").isFalse();
    }
}
