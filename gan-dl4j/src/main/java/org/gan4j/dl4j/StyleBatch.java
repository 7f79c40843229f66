package org.gan4j.dl4j;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gan4j.dl4j.internal.data.LatentSampler;
import org.gan4j.dl4j.internal.stylegan.StyleGanGraphs;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inputs of one generated StyleGAN batch, allocated once and refilled in place each step: z₁ and z₂ from the
 * latent stream; from the noise stream the style-mixing mask (with the mixing probability, a crossover layer drawn
 * uniformly from 1 … numWs − 1, as the reference's {@code random_(1, num_ws)}; else no mixing) and N(0, 1) maps for
 * every convolution's noise.
 */
final class StyleBatch {
    private final StyleGan2 arch;
    private final double mixing;
    private final INDArray z1;
    private final INDArray z2;
    private final INDArray mix;
    private final INDArray draws = Nd4j.create(DataType.FLOAT, 2);
    private final Map<String, INDArray> noise = new LinkedHashMap<>();
    private final Map<String, INDArray> feed = new LinkedHashMap<>();

    /**
     * @param arch   the architecture
     * @param batch  the batch size
     * @param mixing the probability of mixing two styles
     */
    StyleBatch(StyleGan2 arch, int batch, double mixing) {
        this.arch = arch;
        this.mixing = mixing;
        z1 = Nd4j.create(DataType.FLOAT, batch, arch.latentSize());
        z2 = Nd4j.create(DataType.FLOAT, batch, arch.latentSize());
        mix = Nd4j.create(DataType.FLOAT, arch.numWs(), 1);
        feed.put(StyleGanGraphs.Z1, z1);
        feed.put(StyleGanGraphs.Z2, z2);
        feed.put(StyleGanGraphs.MIX, mix);
        StyleGanGraphs.noiseInputs(arch).forEach((layer, side) -> {
            INDArray maps = Nd4j.create(DataType.FLOAT, batch, 1, side, side);
            noise.put(layer, maps);
            feed.put(StyleGanGraphs.noise(layer), maps);
        });
    }

    /** @return the placeholders' arrays by name (refilled in place) */
    Map<String, INDArray> feed() {
        return feed;
    }

    /**
     * Draws the next batch.
     *
     * @param latents     the latent stream
     * @param noiseRandom the noise stream
     * @return the crossover layer (numWs when the batch does not mix)
     */
    int fill(LatentSampler latents, Random noiseRandom) {
        latents.fill(z1);
        latents.fill(z2);
        Nd4j.getExecutioner().exec(new UniformDistribution(draws, 0, 1), noiseRandom);
        int numWs = arch.numWs();
        int crossover = numWs;
        if (draws.getDouble(0) < mixing && numWs > 1) {
            crossover = 1 + (int) Math.min(numWs - 2, Math.floor(draws.getDouble(1) * (numWs - 1)));
        }
        for (int i = 0; i < numWs; i++) {
            mix.putScalar(i, 0, i < crossover ? 1 : 0);
        }
        for (INDArray maps : noise.values()) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(maps, 0, 1), noiseRandom);
        }
        return crossover;
    }
}
