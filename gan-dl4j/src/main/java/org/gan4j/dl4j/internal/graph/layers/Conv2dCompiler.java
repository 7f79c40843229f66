package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.ops.PatchOps;
import org.gan4j.dl4j.internal.ops.SameConvToOneChannel;
import org.gan4j.layer.Conv2d;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * A 2-D convolution (NCHW); from one input channel in fused training graphs as im2col + one GEMM
 * ({@link PatchOps}), and to one output channel with "same" geometry through {@link SameConvToOneChannel}'s
 * gradients. Input gradient: the transposed convolution of g with the same kernel.
 */
final class Conv2dCompiler implements LayerCompiler<Conv2d> {
    @Override
    public Forward forward(CompileContext c, Conv2d conv, String key, SDVariable x, Shape in) {
        SDVariable w = c.params().parameter(key + "/W", c.weightInit(), conv.kernel(), conv.kernel(), in.dim(0), conv.filters());
        if (conv.spectralNorm()) {
            w = SpectralNormCompiler.normalize(c, key, w, new long[] {conv.kernel(), conv.kernel(), in.dim(0), conv.filters()},
                    LayerCompilers.outputAxis(conv));
        }
        SDVariable b = conv.bias() ? c.params().parameter(key + "/b", ParameterInit.constant(0), conv.filters()) : null;
        if (in.dim(0) == 1 && c.fused()) {
            return new Forward(PatchOps.convFromOneChannel(x, w, b, geometry(conv), in.dim(1), in.dim(2)), w, null);
        }
        if (conv.filters() == 1 && c.fusedTraining()
                && SameConvToOneChannel.applies(conv.kernel(), conv.stride(), conv.padding())) {
            return new Forward(SameConvToOneChannel.apply(x, w, b, conv.kernel()), w, null);
        }
        Conv2DConfig config = Conv2DConfig.builder().kH(conv.kernel()).kW(conv.kernel()).sH(conv.stride()).sW(conv.stride())
                .pH(conv.padding()).pW(conv.padding()).dataFormat("NCHW").build();
        SDVariable y = b != null ? c.graph().cnn.conv2d(x, w, b, config) : c.graph().cnn.conv2d(x, w, config);
        return new Forward(y, w, null);
    }

    @Override
    public SDVariable inputGradient(CompileContext c, Conv2d conv, Trace t, SDVariable g) {
        if (t.inputShape().dim(0) == 1 && c.fused()) {
            return PatchOps.transposedConvToOneChannel(g, t.forward().weight(), null, geometry(conv),
                    t.inputShape().dim(1), t.inputShape().dim(2));
        }
        DeConv2DConfig config = DeConv2DConfig.builder().kH(conv.kernel()).kW(conv.kernel()).sH(conv.stride())
                .sW(conv.stride()).pH(conv.padding()).pW(conv.padding()).dataFormat("NCHW").build();
        return c.graph().cnn.deconv2d(g, t.forward().weight(), config);
    }

    @Override
    public Optional<String> inputGradientProblem(Conv2d conv, Shape in, String network) {
        if ((in.dim(1) + 2L * conv.padding() - conv.kernel()) % conv.stride() != 0) {
            return Optional.of("drops input rows or columns on " + in + " ((size + 2*padding - kernel) is not a multiple"
                    + " of stride), so its input gradient is not a transposed convolution: pad the input to fit");
        }
        return Optional.empty();
    }

    private static int[] geometry(Conv2d conv) {
        return new int[] {conv.kernel(), conv.stride(), conv.padding()};
    }
}
