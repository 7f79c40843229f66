package org.gan4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A synthetic RGB data set with 24 known modes, for judging mode coverage where the truth is exact: a circle, square
 * or triangle in one of 8 colours on black, at a random position and size, 32×32 pixels. Mode = shape·8 + colour.
 * {@link #classify(float[])} recognises both by rule: the foreground (pixels whose brightest channel exceeds half
 * scale) gives the colour (the palette colour nearest the foreground's mean) and the shape (its share of its bounding
 * box: a square fills it, a disc fills π/4 ≈ 0.79 of it, the triangle half; the box must be nearly square with a
 * side within the drawn sizes ± 2), so coverage of generated images needs no trained classifier. Shapes are drawn without antialiasing: every pixel is the background or the colour.
 *
 * @since 0.1.0
 */
public final class ColouredShapes {
    /** Image side in pixels. */
    public static final int SIZE = 32;
    /** The shapes, in mode order. */
    public static final List<String> SHAPES = List.of("circle", "square", "triangle");
    /** The colours, in mode order. */
    public static final List<String> COLOURS = List.of("red", "green", "blue", "yellow", "cyan", "magenta", "white",
            "orange");
    /** The file {@link #writeFolder} leaves in the folder to say what it holds (hidden: ImageFolder passes it over). */
    public static final String MARKER = ".gan4j-coloured-shapes";
    /** Number of modes: shapes × colours. */
    public static final int MODES = 24;
    /** Smallest and largest shape side in pixels. */
    static final int MIN_SIDE = 10;
    static final int MAX_SIDE = 20;
    /** Foreground pixels below which an image has no recognisable shape. */
    static final int MIN_FOREGROUND = 20;
    private static final int[][] PALETTE = {
        {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {0, 255, 255}, {255, 0, 255}, {255, 255, 255}, {255, 128, 0}};

    private ColouredShapes() {
    }

    /**
     * @param mode shape·8 + colour, in [0, 24)
     * @return its name, such as "triangle-orange"
     */
    public static String modeName(int mode) {
        checkMode(mode);
        return SHAPES.get(mode / COLOURS.size()) + "-" + COLOURS.get(mode % COLOURS.size());
    }

    /**
     * Draws one image of a mode.
     *
     * @param mode   shape·8 + colour, in [0, 24)
     * @param random the source of position and size
     * @return the image, TYPE_INT_RGB
     */
    public static BufferedImage draw(int mode, SplittableRandom random) {
        checkMode(mode);
        int shape = mode / COLOURS.size();
        int[] rgb = PALETTE[mode % COLOURS.size()];
        int side = random.nextInt(MIN_SIDE, MAX_SIDE + 1);
        int left = random.nextInt(0, SIZE - side + 1);
        int top = random.nextInt(0, SIZE - side + 1);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        int colour = rgb[0] << 16 | rgb[1] << 8 | rgb[2];
        double r = side / 2.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double cx = x + 0.5 - r;
                double cy = y + 0.5 - r;
                boolean inside = switch (shape) {
                    case 0 -> cx * cx + cy * cy <= r * r;
                    case 1 -> true;
                    default -> Math.abs(cx) <= (y + 0.5) / 2.0;
                };
                if (inside) {
                    image.setRGB(left + x, top + y, colour);
                }
            }
        }
        return image;
    }

    /**
     * Writes a labelled folder: {@code count} images, modes in turn (so each holds count/24 ± 1), in sub-folders named
     * by mode ({@code circle-red/00000.png}, ...), ready for {@link ImageFolder.Builder#labelsFromSubfolders()}, and
     * the marker file {@value #MARKER}.
     *
     * @param folder the folder to write into (created)
     * @param count  the number of images
     * @param seed   the seed of positions and sizes
     */
    public static void writeFolder(Path folder, int count, long seed) {
        Objects.requireNonNull(folder, "folder == null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1 but was " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        try {
            for (int i = 0; i < count; i++) {
                int mode = i % MODES;
                Path dir = folder.resolve(modeName(mode));
                Files.createDirectories(dir);
                ImageIO.write(draw(mode, random), "png", dir.resolve(String.format("%05d.png", i)).toFile());
            }
            Files.writeString(folder.resolve(MARKER), "gan4j coloured shapes: " + count + " images, seed " + seed + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the coloured shapes to " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * Recognises the mode of an image.
     *
     * @param image [3, 32, 32] values in [-1, 1], channel-major
     * @return its mode in [0, 24), or -1 when it has fewer than {@value #MIN_FOREGROUND} foreground pixels or its
     *         foreground does not fit one shape
     */
    public static int classify(float[] image) {
        int plane = SIZE * SIZE;
        if (image.length != 3 * plane) {
            throw new IllegalArgumentException("image must hold 3 x 32 x 32 = 3072 values but had " + image.length);
        }
        double[] sum = new double[3];
        int count = 0;
        int minX = SIZE;
        int minY = SIZE;
        int maxX = -1;
        int maxY = -1;
        for (int p = 0; p < plane; p++) {
            float brightest = Math.max(image[p], Math.max(image[plane + p], image[2 * plane + p]));
            if (brightest > 0) {
                count++;
                for (int c = 0; c < 3; c++) {
                    sum[c] += (image[c * plane + p] + 1) * 127.5;
                }
                minX = Math.min(minX, p % SIZE);
                maxX = Math.max(maxX, p % SIZE);
                minY = Math.min(minY, p / SIZE);
                maxY = Math.max(maxY, p / SIZE);
            }
        }
        if (count < MIN_FOREGROUND) {
            return -1;
        }
        int width = maxX - minX + 1;
        int height = maxY - minY + 1;
        if (Math.abs(width - height) > 2 || Math.max(width, height) > MAX_SIDE + 2 || Math.min(width, height) < MIN_SIDE - 2) {
            return -1;
        }
        double fill = count / (double) (width * height);
        int shape = fill > 0.9 ? 1 : fill > 0.64 ? 0 : fill > 0.35 ? 2 : -1;
        if (shape < 0) {
            return -1;
        }
        int colour = 0;
        double best = Double.MAX_VALUE;
        for (int k = 0; k < PALETTE.length; k++) {
            double d = 0;
            for (int c = 0; c < 3; c++) {
                double diff = sum[c] / count - PALETTE[k][c];
                d += diff * diff;
            }
            if (d < best) {
                best = d;
                colour = k;
            }
        }
        return shape * COLOURS.size() + colour;
    }

    private static void checkMode(int mode) {
        if (mode < 0 || mode >= MODES) {
            throw new IllegalArgumentException("mode must be in [0, " + MODES + ") but was " + mode);
        }
    }
}
