package org.gan4j.dl4j.internal.graph.layers;

import java.util.Optional;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.dl4j.internal.graph.BatchNormUpdate;
import org.gan4j.dl4j.internal.ops.FusedBatchNorm;
import org.gan4j.dl4j.internal.ops.ScaleShiftRectifier;
import org.gan4j.dl4j.internal.graph.GraphParameters;
import org.gan4j.layer.BatchNorm;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Batch normalization (Ioffe and Szegedy, ICML 2015): y = (x − μ_B)/√(σ²_B + ε)·γ + β over the batch (and the
 * spatial positions of images) in training graphs, with running statistics kept by hand for inference; built from
 * basic ops or, in fused training graphs, as {@link FusedBatchNorm} (SameDiff M2.1's own batchNorm cannot be
 * differentiated). Inference applies the running statistics as one per-channel scale s = γ/√(σ² + ε) and shift
 * β − μ·s (two passes over the batch instead of three; in graphs of fused ops one, which {@link InferenceFusion} can
 * extend by the rectifier after it). No per-sample input gradient: a penalised critic cannot use it.
 */
final class BatchNormCompiler implements LayerCompiler<BatchNorm> {
    @Override
    public Forward forward(CompileContext c, BatchNorm bn, String key, SDVariable x, Shape in) {
        if (!c.training()) {
            return Forward.of(inference(c, bn, key, x, in, 1));
        }
        long channels = in.dim(0);
        long[] statShape = in.rank() == 3 ? new long[] {1, channels, 1, 1} : new long[] {1, channels};
        int[] dims = in.rank() == 3 ? new int[] {0, 2, 3} : new int[] {0};
        GraphParameters params = c.params();
        SDVariable gamma = params.parameter(key + "/gamma", ParameterInit.constant(1), statShape);
        SDVariable beta = params.parameter(key + "/beta", ParameterInit.constant(0), statShape);
        SameDiff sd = c.graph();
        long count = in.rank() == 3 ? c.batch() * in.dim(1) * in.dim(2) : c.batch();
        if (c.fused()) {
            SDVariable[] fused = new FusedBatchNorm(sd, x, gamma, beta, bn.epsilon()).outputVariables();
            c.updates().add(new BatchNormUpdate(fused[1].name(), fused[2].name(),
                    params.store().state(key + "/running_mean", 0, statShape),
                    params.store().state(key + "/running_var", 1, statShape), bn.momentum(), count));
            return Forward.of(fused[0]);
        }
        SDVariable mean = x.mean(true, dims);
        SDVariable centred = x.sub(mean);
        SDVariable variance = centred.mul(centred).mean(true, dims);
        c.updates().add(new BatchNormUpdate(mean.name(), variance.name(),
                params.store().state(key + "/running_mean", 0, statShape),
                params.store().state(key + "/running_var", 1, statShape), bn.momentum(), count));
        return Forward.of(ChannelAffine.apply(sd, centred, sd.math.rsqrt(variance.add(bn.epsilon())).mul(gamma), beta,
                channels, in.rank()));
    }

    /**
     * Batch norm at inference, y = x·s + t with s = γ/√(σ² + ε) and t = β − μ·s from the running statistics; in
     * graphs of fused ops one {@link ScaleShiftRectifier}, which can also apply the rectifier that follows.
     *
     * @param alpha the following rectifier's slope for v ≤ 0 (0: ReLU), or 1 for none; fused graphs only
     * @return y
     */
    static SDVariable inference(CompileContext c, BatchNorm bn, String key, SDVariable x, Shape in, double alpha) {
        if (alpha != 1 && !c.fused()) {
            throw new IllegalStateException("a rectifier joins batch norm only in graphs of fused ops, alpha " + alpha);
        }
        long[] statShape = in.rank() == 3 ? new long[] {1, in.dim(0), 1, 1} : new long[] {1, in.dim(0)};
        GraphParameters params = c.params();
        SDVariable gamma = params.parameter(key + "/gamma", ParameterInit.constant(1), statShape);
        SDVariable beta = params.parameter(key + "/beta", ParameterInit.constant(0), statShape);
        SDVariable runningMean = params.state(key + "/running_mean", 0, statShape);
        SDVariable runningVar = params.state(key + "/running_var", 1, statShape);
        SameDiff sd = c.graph();
        SDVariable scale = sd.math.rsqrt(runningVar.add(bn.epsilon())).mul(gamma);
        SDVariable shift = beta.sub(runningMean.mul(scale));
        if (c.fused()) {
            return new ScaleShiftRectifier(sd, x, scale, shift, alpha).outputVariable();
        }
        return x.mul(scale).add(shift);
    }

    @Override
    public Optional<String> inputGradientProblem(BatchNorm layer, Shape in, String network) {
        return Optional.of("has no per-sample input gradient, so a gradient penalty cannot be applied: use a " + network
                + " without batch norm (the WGAN-GP paper uses layer norm or none)");
    }
}
