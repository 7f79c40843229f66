package org.gan4j.spark;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One generated image [C, H, W] in [−1, 1] as 8-bit PNG bytes: v = round((x + 1)/2 · 255), gray for C = 1, RGB for 3. */
final class PngImages {
    private PngImages() {
    }

    static byte[] encode(INDArray image) {
        long[] shape = image.shape();
        if (shape.length != 3 || (shape[0] != 1 && shape[0] != 3)) {
            throw new IllegalArgumentException("a PNG needs an image of shape [1 or 3, H, W] but had " + Arrays.toString(shape));
        }
        int channels = (int) shape[0];
        int height = (int) shape[1];
        int width = (int) shape[2];
        float[] x = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
        BufferedImage out = new BufferedImage(width, height,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = out.getRaster();
        int[] pixel = new int[channels];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                for (int k = 0; k < channels; k++) {
                    double v = Math.round((x[(k * height + r) * width + c] + 1.0) / 2.0 * 255.0);
                    pixel[k] = (int) Math.max(0, Math.min(255, v));
                }
                raster.setPixel(c, r, pixel);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG", e);
        }
        return bytes.toByteArray();
    }
}
