package org.gan4j.dl4j.internal.stylegan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gan4j.dl4j.internal.graph.GraphParameters;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The graphs of StyleGAN2 training (NVlabs/stylegan2-ada-pytorch {@code training/loss.py}, {@code StyleGAN2Loss}),
 * each built once over the shared parameter stores, and the two inference graphs:
 * <ul>
 *   <li>G main: softplus(−D(G(z))), mean over the batch;</li>
 *   <li>G path length: a = the running mean updated by decay δ from the batch's mean length;
 *       weight·interval·mean_b (‖J_wᵀ y‖ − a)², y ~ N(0, I)/√(HW), ‖·‖ the root of the mean over the w inputs of
 *       the squared norms (Karras et al., CVPR 2020, eq. 4), with a held constant in the gradient;</li>
 *   <li>D main: softplus(D(G(z))) + softplus(−D(x)), means over the batch;</li>
 *   <li>R1: interval·γ/2·mean_b ‖∇_x D(x)‖² (Mescheder et al., ICML 2018, eq. 9).</li>
 * </ul>
 * Generated batches mix styles: wᵢ = w(z₂) + (w(z₁) − w(z₂))·mixᵢ for a 0/1 mask fed per step, and take per-pixel
 * noise from placeholders, so that every draw comes from the caller's seeded streams.
 */
public final class StyleGanGraphs {
    /** Latent vectors of the first style. */
    public static final String Z1 = "z1";
    /** Latent vectors of the second (mixed-in) style. */
    public static final String Z2 = "z2";
    /** The style-mixing mask [numWs, 1]: 1 where layer i takes the first style. */
    public static final String MIX = "mix";
    /** Real images. */
    public static final String REAL = "real";
    /** N(0, I) draws of the image's shape for path length regularization (divided by √(HW) in the graph). */
    public static final String PL_NOISE = "pl_noise";
    /** The path-length running mean before the step, [1]. */
    public static final String PL_MEAN = "pl_mean";
    /** The loss of a phase. */
    public static final String LOSS = "loss";
    /** The batch mean of w(z₁) in the G main graph, for the tracked average of w. */
    public static final String W_MEAN = "w_mean";
    /** The weighted path length penalty (its value; the loss variable has the same gradient). */
    public static final String PL_PENALTY = "pl_penalty";
    /** The batch mean of the path lengths. */
    public static final String PL_LENGTH = "pl_length";
    /** The per-sample R1 penalties ‖∇_x D(x)‖². */
    public static final String R1_PENALTIES = "r1_penalties";
    /** The latent placeholder of the mapping graph. */
    public static final String Z = "z";
    /** The mapping graph's output. */
    public static final String W = "w";
    /** The synthesis graph's input [n, numWs, dim(w)]. */
    public static final String WS = "ws";
    /** The synthesis graph's output. */
    public static final String IMAGE = "image";

    private StyleGanGraphs() {
    }

    /**
     * @param layer a layer key of {@link #noiseInputs}
     * @return the name of its noise placeholder
     */
    public static String noise(String layer) {
        return "noise/" + layer;
    }

    /**
     * @param arch the architecture
     * @return the per-pixel noise inputs by layer key, each with its side
     */
    public static Map<String, Integer> noiseInputs(StyleGan2 arch) {
        return SynthesisNetwork.noiseInputs(arch);
    }

    /**
     * @param arch  the architecture
     * @param g     the generator's arrays
     * @param d     the discriminator's arrays
     * @param batch the batch size
     * @param type  the floating-point type
     * @param fused whether the graph may hold gan4j's fused ops (it runs from compiled plans only)
     * @return the G main graph: placeholders z₁, z₂, mix, noise; outputs {@value #LOSS}, {@value #W_MEAN}
     */
    public static SameDiff generatorMain(StyleGan2 arch, ParameterStore g, ParameterStore d, int batch, DataType type,
                                         boolean fused) {
        SameDiff sd = SameDiff.create();
        Generated generated = generate(sd, arch, g, batch, type, fused);
        generated.w1().mean(false, 0).rename(W_MEAN);
        SDVariable logits = new StyleDiscriminator(arch, new StyleOps(new GraphParameters(sd, d), type, fused), batch)
                .forward(generated.image());
        new NonSaturatingLoss().generatorLoss(sd, logits).rename(LOSS);
        return sd;
    }

    /**
     * @param arch   the architecture
     * @param g      the generator's arrays
     * @param batch  the batch size of the phase (half the training batch)
     * @param type   the floating-point type
     * @param weight the penalty's weight times the interval, k_G·w_pl
     * @param decay  δ, the running mean's decay
     * @param fused  whether the graph may hold gan4j's fused ops (it runs from compiled plans only)
     * @return the path length graph over a batch of {@code batch}: placeholders z₁, z₂, mix, noise,
     *         {@value #PL_NOISE}, {@value #PL_MEAN}; outputs {@value #LOSS}, {@value #PL_PENALTY}, {@value #PL_LENGTH}
     */
    public static SameDiff pathLength(StyleGan2 arch, ParameterStore g, int batch, DataType type, double weight,
                                      double decay, boolean fused) {
        SameDiff sd = SameDiff.create();
        Generated generated = generate(sd, arch, g, batch, type, fused);
        long r = arch.resolution();
        SDVariable y = sd.placeHolder(PL_NOISE, type, batch, arch.imageChannels(), r, r).mul(1 / Math.sqrt(r * r));
        SDVariable squares = null;
        for (SDVariable gw : generated.synthesis().wGradients(y)) {
            SDVariable s = sd.math.square(gw).sum(false, 1);
            squares = squares == null ? s : squares.add(s);
        }
        SDVariable lengths = sd.math.sqrt(squares.div(arch.numWs()));
        SDVariable mean = lengths.mean();
        mean.rename(PL_LENGTH);
        SDVariable spread = sd.math.square(lengths.sub(mean)).mean();
        SDVariable drift = sd.math.square(mean.sub(sd.placeHolder(PL_MEAN, type, 1)));
        // (len − a)² averaged is spread + (1−δ)²·drift; with a held constant its gradient is that of spread + (1−δ)·drift
        spread.add(drift.mul((1 - decay) * (1 - decay))).mul(weight).rename(PL_PENALTY);
        spread.add(drift.mul(1 - decay)).mul(weight).rename(LOSS);
        return sd;
    }

    /**
     * @param arch  the architecture
     * @param g     the generator's arrays
     * @param d     the discriminator's arrays
     * @param batch the batch size
     * @param type  the floating-point type
     * @param fused whether the graph may hold gan4j's fused ops (it runs from compiled plans only)
     * @return the D main graph: placeholders {@value #REAL}, z₁, z₂, mix, noise; output {@value #LOSS}
     */
    public static SameDiff discriminatorMain(StyleGan2 arch, ParameterStore g, ParameterStore d, int batch, DataType type,
                                             boolean fused) {
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.placeHolder(REAL, type, batch, arch.imageChannels(), arch.resolution(), arch.resolution());
        Generated generated = generate(sd, arch, g, batch, type, fused);
        StyleOps ops = new StyleOps(new GraphParameters(sd, d), type, fused);
        SDVariable fakeLogits = new StyleDiscriminator(arch, ops, batch).forward(generated.image());
        SDVariable realLogits = new StyleDiscriminator(arch, ops, batch).forward(real);
        new NonSaturatingLoss().discriminatorLoss(sd, realLogits, fakeLogits).rename(LOSS);
        return sd;
    }

    /**
     * @param arch   the architecture
     * @param d      the discriminator's arrays
     * @param batch  the batch size
     * @param type   the floating-point type
     * @param gamma  γ
     * @param weight the interval k_D, multiplying the loss
     * @param fused  whether the graph may hold gan4j's fused ops (it runs from compiled plans only)
     * @return the R1 graph: placeholder {@value #REAL}; outputs {@value #LOSS} (γ/2·mean penalty times
     *         {@code weight}) and {@value #R1_PENALTIES}
     */
    public static SameDiff r1(StyleGan2 arch, ParameterStore d, int batch, DataType type, double gamma, double weight,
                              boolean fused) {
        SameDiff sd = SameDiff.create();
        SDVariable real = sd.placeHolder(REAL, type, batch, arch.imageChannels(), arch.resolution(), arch.resolution());
        StyleDiscriminator discriminator = new StyleDiscriminator(arch, new StyleOps(new GraphParameters(sd, d), type, fused),
                batch);
        discriminator.forward(real);
        SDVariable penalties = sd.math.square(discriminator.inputGradient()).sum(false, 1, 2, 3);
        penalties.rename(R1_PENALTIES);
        penalties.mean().mul(gamma / 2 * weight).rename(LOSS);
        return sd;
    }

    /**
     * @param arch the architecture
     * @param g    the generator's arrays (float)
     * @return the mapping graph: placeholder {@value #Z} [n, dim(z)], output {@value #W} [n, dim(w)]
     */
    public static SameDiff mapping(StyleGan2 arch, ParameterStore g) {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.placeHolder(Z, DataType.FLOAT, -1, arch.latentSize());
        sd.identity(W, MappingNetwork.forward(arch, new StyleOps(new GraphParameters(sd, g), DataType.FLOAT, false), z));
        return sd;
    }

    /**
     * @param arch the architecture
     * @param g    the generator's arrays (float)
     * @return the synthesis graph: placeholders {@value #WS} [n, numWs, dim(w)] and the noise [n, 1, r, r]; output
     *         {@value #IMAGE}
     */
    public static SameDiff synthesis(StyleGan2 arch, ParameterStore g) {
        SameDiff sd = SameDiff.create();
        SDVariable ws = sd.placeHolder(WS, DataType.FLOAT, -1, arch.numWs(), arch.wSize());
        List<SDVariable> perLayer = new ArrayList<>();
        for (int i = 0; i < arch.numWs(); i++) {
            perLayer.add(ws.get(SDIndex.all(), SDIndex.point(i), SDIndex.all()));
        }
        SynthesisNetwork synthesis = new SynthesisNetwork(arch, new StyleOps(new GraphParameters(sd, g), DataType.FLOAT, false));
        sd.identity(IMAGE, synthesis.forward(perLayer, noisePlaceholders(sd, arch, -1, DataType.FLOAT)));
        return sd;
    }

    private record Generated(SDVariable w1, SDVariable image, SynthesisNetwork synthesis) {
    }

    private static Generated generate(SameDiff sd, StyleGan2 arch, ParameterStore g, int batch, DataType type,
                                      boolean fused) {
        StyleOps ops = new StyleOps(new GraphParameters(sd, g), type, fused);
        SDVariable w1 = MappingNetwork.forward(arch, ops, sd.placeHolder(Z1, type, batch, arch.latentSize()));
        SDVariable w2 = MappingNetwork.forward(arch, ops, sd.placeHolder(Z2, type, batch, arch.latentSize()));
        SDVariable mix = sd.placeHolder(MIX, type, arch.numWs(), 1);
        SDVariable difference = w1.sub(w2);
        List<SDVariable> ws = new ArrayList<>();
        for (int i = 0; i < arch.numWs(); i++) {
            ws.add(w2.add(difference.mul(mix.get(SDIndex.point(i), SDIndex.all()))));
        }
        SynthesisNetwork synthesis = new SynthesisNetwork(arch, ops);
        SDVariable image = synthesis.forward(ws, noisePlaceholders(sd, arch, batch, type));
        return new Generated(w1, image, synthesis);
    }

    private static Map<String, SDVariable> noisePlaceholders(SameDiff sd, StyleGan2 arch, long batch, DataType type) {
        Map<String, SDVariable> noise = new LinkedHashMap<>();
        SynthesisNetwork.noiseInputs(arch).forEach((layer, side) ->
                noise.put(layer, sd.placeHolder(noise(layer), type, batch, 1, side, side)));
        return noise;
    }
}
