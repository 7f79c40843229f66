package org.gan4j.samples;

import java.nio.file.Path;
import org.gan4j.dl4j.StyleGanModel;
import org.gan4j.dl4j.listeners.ImageGrid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The latent tools' figures of a trained StyleGAN: style mixing, truncation and interpolation in W. */
final class StyleGanFigures {
    /** The truncation rows of truncation.png. */
    static final double[] PSI = {1, 0.7, 0.5, 0};

    private StyleGanFigures() {
    }

    /** @return n seeded N(0, I) latents [n, size] */
    static INDArray latents(int n, int size, long seed) {
        INDArray z = Nd4j.create(DataType.FLOAT, n, size);
        Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0, 1), Nd4j.getRandomFactory().getNewRandomInstance(seed));
        return z;
    }

    /** Writes style-mixing.png, truncation.png and interpolation.png into {@code out}. */
    static void write(StyleGanModel model, Path out, int crossover, long seed) {
        int size = model.architecture().latentSize();
        ImageGrid.writePng(mixingGrid(model, latents(5, size, seed + 1), latents(6, size, seed + 2), crossover), 7,
                out.resolve("style-mixing.png"));
        INDArray z = latents(8, size, seed + 3);
        INDArray rows = Nd4j.concat(0, model.sample(z, PSI[0]), model.sample(z, PSI[1]), model.sample(z, PSI[2]),
                model.sample(z, PSI[3]));
        ImageGrid.writePng(rows, 8, out.resolve("truncation.png"));
        INDArray starts = latents(4, size, seed + 4);
        INDArray ends = latents(4, size, seed + 5);
        INDArray[] strips = new INDArray[4];
        for (int r = 0; r < 4; r++) {
            strips[r] = model.interpolateW(starts.getRow(r, true), ends.getRow(r, true), 8);
        }
        ImageGrid.writePng(Nd4j.concat(0, strips), 8, out.resolve("interpolation.png"));
    }

    /**
     * @return a (|A| + 1) × (|B| + 1) grid: B's images on top, A's on the left, cell (r, c) with A_r's coarse styles
     *         (w inputs below the crossover) and B_c's fine ones; the corner blank
     */
    static INDArray mixingGrid(StyleGanModel model, INDArray zA, INDArray zB, int crossover) {
        int rows = (int) zA.size(0);
        int columns = (int) zB.size(0);
        long[] image = model.outputShape().dims();
        INDArray grid = Nd4j.create(DataType.FLOAT, (long) (rows + 1) * (columns + 1), image[0], image[1], image[2]).assign(-1);
        INDArray a = model.sample(zA);
        INDArray b = model.sample(zB);
        for (int c = 0; c < columns; c++) {
            grid.get(NDArrayIndex.point(c + 1)).assign(b.get(NDArrayIndex.point(c)));
        }
        for (int r = 0; r < rows; r++) {
            int base = (r + 1) * (columns + 1);
            grid.get(NDArrayIndex.point(base)).assign(a.get(NDArrayIndex.point(r)));
            INDArray repeatedA = Nd4j.tile(zA.getRow(r, true), columns, 1);
            INDArray mixed = model.mix(repeatedA, zB, crossover);
            for (int c = 0; c < columns; c++) {
                grid.get(NDArrayIndex.point(base + c + 1)).assign(mixed.get(NDArrayIndex.point(c)));
            }
        }
        return grid;
    }
}
