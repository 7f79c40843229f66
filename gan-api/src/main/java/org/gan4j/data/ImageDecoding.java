package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * How {@link ImageFolder} turns one image file into a sample: decode (JDK ImageIO; a decoder warning such as a
 * truncated JPEG's "premature end of data" counts as unreadable), flatten transparency onto the background
 * (out = α·c + (1 − α)·background), convert the channels (RGB to gray with ITU-R 601-2 luma, L = 0.299 R + 0.587 G +
 * 0.114 B, as Pillow's {@code convert("L")}; gray to RGB by repetition), crop the centred region with the target's
 * aspect ratio (fractional: scale s = max(W/w, H/h), region W/s × H/s) and resize it with the box filter
 * ({@link BoxResize}). Values come out in [0, 1].
 */
final class ImageDecoding {
    private final int channels;
    private final int height;
    private final int width;
    private final double[] background;

    /**
     * @param channels   1 (gray) or 3 (RGB)
     * @param height     the target height
     * @param width      the target width
     * @param background the RGB background in [0, 255] that transparency is flattened onto
     */
    ImageDecoding(int channels, int height, int width, double[] background) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.background = background.clone();
    }

    int channels() {
        return channels;
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /** @return the rule's parameters, as they enter the cache's name */
    String key() {
        return "gan4j-image-rule-1 channels=" + channels + " size=" + height + "x" + width + " background="
                + background[0] + "," + background[1] + "," + background[2];
    }

    /** A file that could not be read as an image, and why. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param file an image file
     * @return the sample, channels × height × width values in [0, 1], row-major per channel
     * @throws Unreadable if the file is not a readable PNG, JPEG, GIF or BMP image
     */
    float[] decode(Path file) throws Unreadable {
        BufferedImage image = read(file);
        double[][] planes = planes(image);
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = Math.max((double) width / w, (double) height / h);
        double cropW = width / scale;
        double cropH = height / scale;
        double[] box = {(w - cropW) / 2, (h - cropH) / 2, (w + cropW) / 2, (h + cropH) / 2};
        float[] sample = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            double[] resized = BoxResize.resize(planes[c], w, h, box, width, height);
            for (int i = 0; i < resized.length; i++) {
                sample[c * height * width + i] = (float) (resized[i] / 255);
            }
        }
        return sample;
    }

    private static BufferedImage read(Path file) throws Unreadable {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new Unreadable("cannot be opened");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Unreadable("not an image format ImageIO reads");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new Unreadable("damaged " + reader.getFormatName() + " data (" + warnings.get(0) + ")");
                }
                if (image.getWidth() < 1 || image.getHeight() < 1) {
                    throw new Unreadable("an empty image");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("unreadable image data (" + e.getMessage() + ")");
        }
    }

    /** @return the image's channels in [0, 255] after flattening and channel conversion */
    private double[][] planes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel model = image.getColorModel();
        boolean gray = model.getNumColorComponents() == 1 && raster.getNumBands() == 1
                && model.getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY;
        double[][] rgb = new double[gray ? 1 : 3][w * h];
        if (gray) {
            // read from the raster: getRGB would pass linear gray through an sRGB conversion
            double max = (1 << model.getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    rgb[0][y * w + x] = raster.getSample(x, y, 0) * 255.0 / max;
                }
            }
        } else {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = image.getRGB(x, y);
                    double alpha = ((argb >>> 24) & 0xff) / 255.0;
                    for (int k = 0; k < 3; k++) {
                        double value = (argb >> (16 - 8 * k)) & 0xff;
                        rgb[k][y * w + x] = alpha * value + (1 - alpha) * background[k];
                    }
                }
            }
        }
        if (channels == 1) {
            if (gray) {
                return rgb;
            }
            double[] luma = new double[w * h];
            for (int i = 0; i < luma.length; i++) {
                luma[i] = rgb[0][i] * 299 / 1000 + rgb[1][i] * 587 / 1000 + rgb[2][i] * 114 / 1000;
            }
            return new double[][] {luma};
        }
        return gray ? new double[][] {rgb[0], rgb[0], rgb[0]} : rgb;
    }
}
