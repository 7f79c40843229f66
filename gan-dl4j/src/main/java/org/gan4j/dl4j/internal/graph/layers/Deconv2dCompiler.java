package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.ops.PatchOps;
import org.gan4j.layer.Deconv2d;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;

/**
 * A 2-D transposed convolution (NCHW); to one output channel in fused training graphs as one GEMM + col2im
 * ({@link PatchOps}). Input gradient: the convolution of g with the same kernel.
 */
final class Deconv2dCompiler implements LayerCompiler<Deconv2d> {
    @Override
    public Forward forward(CompileContext c, Deconv2d conv, String key, SDVariable x, Shape in) {
        SDVariable w = c.params().parameter(key + "/W", c.weightInit(), conv.kernel(), conv.kernel(), conv.filters(), in.dim(0));
        if (conv.spectralNorm()) {
            w = SpectralNormCompiler.normalize(c, key, w, new long[] {conv.kernel(), conv.kernel(), conv.filters(), in.dim(0)},
                    LayerCompilers.outputAxis(conv));
        }
        SDVariable b = conv.bias() ? c.params().parameter(key + "/b", ParameterInit.constant(0), conv.filters()) : null;
        if (conv.filters() == 1 && c.fused()) {
            Shape out = conv.outputShape(in);
            int[] geometry = {conv.kernel(), conv.stride(), conv.padding()};
            return new Forward(PatchOps.transposedConvToOneChannel(x, w, b, geometry, out.dim(1), out.dim(2)), w, null);
        }
        DeConv2DConfig config = DeConv2DConfig.builder().kH(conv.kernel()).kW(conv.kernel()).sH(conv.stride())
                .sW(conv.stride()).pH(conv.padding()).pW(conv.padding()).dataFormat("NCHW").build();
        SDVariable y = b != null ? c.graph().cnn.deconv2d(x, w, b, config) : c.graph().cnn.deconv2d(x, w, config);
        return new Forward(y, w, null);
    }

    @Override
    public SDVariable inputGradient(CompileContext c, Deconv2d conv, Trace t, SDVariable g) {
        Conv2DConfig config = Conv2DConfig.builder().kH(conv.kernel()).kW(conv.kernel()).sH(conv.stride()).sW(conv.stride())
                .pH(conv.padding()).pW(conv.padding()).dataFormat("NCHW").build();
        return c.graph().cnn.conv2d(g, t.forward().weight(), config);
    }

    @Override
    public Optional<String> inputGradientProblem(Deconv2d layer, Shape in, String network) {
        return Optional.empty();
    }
}
