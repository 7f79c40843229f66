package org.gan4j.dl4j.internal.graph.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;

/**
 * x·scale + shift with one scale and shift per channel, as a 1×1 depthwise convolution: SameDiff M2.1's gradient of
 * a broadcast multiplication (multiply_bp) is 5–8× slower than the depthwise convolution's, which made batch norm a
 * third of a DCGAN iteration.
 */
final class ChannelAffine {
    private ChannelAffine() {
    }

    static SDVariable apply(SameDiff sd, SDVariable x, SDVariable scale, SDVariable shift, long channels, int rank) {
        Conv2DConfig pointwise = Conv2DConfig.builder().kH(1).kW(1).sH(1).sW(1).dataFormat("NCHW").build();
        SDVariable images = rank == 3 ? x : x.reshape(-1, channels, 1, 1);
        SDVariable y = sd.cnn.depthWiseConv2d(images, scale.reshape(1, 1, channels, 1), shift.reshape(channels), pointwise);
        return rank == 3 ? y : y.reshape(-1, channels);
    }
}
