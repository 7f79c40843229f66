package org.gan4j.data;

/**
 * Resizes one image plane with the box filter exactly as Pillow's {@code Image.resize(size, Image.BOX, box=...)}
 * does (separable; Pillow's {@code precompute_coeffs} with support ½): with scale s = (box width)/(output width),
 * output pixel i averages the source pixels whose centres lie in the footprint (x0 + i·s, x0 + (i + 1)·s] when
 * downscaling, and is the source pixel under its centre when upscaling (s &lt; 1, the footprint widened to one
 * pixel). The crop box may be fractional; pixels outside the image are never read.
 */
final class BoxResize {
    private BoxResize() {
    }

    /**
     * @param plane      the source, row-major [height][width]
     * @param width      the source width
     * @param height     the source height
     * @param box        the crop box {x0, y0, x1, y1} in source pixels
     * @param outWidth   the output width
     * @param outHeight  the output height
     * @return the output, row-major [outHeight][outWidth]
     */
    static double[] resize(double[] plane, int width, int height, double[] box, int outWidth, int outHeight) {
        Coefficients horizontal = Coefficients.of(box[0], box[2], width, outWidth);
        Coefficients vertical = Coefficients.of(box[1], box[3], height, outHeight);
        double[] rows = new double[height * outWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < outWidth; x++) {
                double sum = 0;
                int first = horizontal.first[x];
                for (int k = 0; k < horizontal.weights[x].length; k++) {
                    sum += plane[y * width + first + k] * horizontal.weights[x][k];
                }
                rows[y * outWidth + x] = sum;
            }
        }
        double[] out = new double[outHeight * outWidth];
        for (int y = 0; y < outHeight; y++) {
            int first = vertical.first[y];
            for (int x = 0; x < outWidth; x++) {
                double sum = 0;
                for (int k = 0; k < vertical.weights[y].length; k++) {
                    sum += rows[(first + k) * outWidth + x] * vertical.weights[y][k];
                }
                out[y * outWidth + x] = sum;
            }
        }
        return out;
    }

    /** The source range and normalized weights of each output pixel along one axis. */
    private record Coefficients(int[] first, double[][] weights) {
        static Coefficients of(double in0, double in1, int inSize, int outSize) {
            double scale = (in1 - in0) / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = 0.5 * filterScale;
            int[] first = new int[outSize];
            double[][] weights = new double[outSize][];
            for (int i = 0; i < outSize; i++) {
                double center = in0 + (i + 0.5) * scale;
                int min = Math.max((int) (center - support + 0.5), 0);
                int count = Math.min((int) (center + support + 0.5), inSize) - min;
                double[] w = new double[Math.max(count, 0)];
                double total = 0;
                for (int k = 0; k < w.length; k++) {
                    double t = (k + min - center + 0.5) / filterScale;
                    w[k] = t > -0.5 && t <= 0.5 ? 1 : 0;
                    total += w[k];
                }
                if (total == 0) {
                    throw new IllegalStateException("no source pixel under output pixel " + i + " of " + outSize);
                }
                for (int k = 0; k < w.length; k++) {
                    w[k] /= total;
                }
                first[i] = min;
                weights[i] = w;
            }
            return new Coefficients(first, weights);
        }
    }
}
