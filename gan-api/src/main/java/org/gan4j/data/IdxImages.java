package org.gan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.gan4j.Shape;

/**
 * Grayscale images read from an IDX file (the MNIST format: big-endian magic 2051, count, rows, columns, then one
 * unsigned byte per pixel), gzip-compressed or raw.
 *
 * @since 0.1.0
 */
public final class IdxImages {
    /** The largest image side read. */
    public static final int MAX_SIDE = 65_535;
    /** The most pixel (or label) bytes one file may hold. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    static final int IMAGE_MAGIC = 2051;
    static final int LABEL_MAGIC = 2049;

    private final byte[] pixels;
    private final int count;
    private final int rows;
    private final int columns;

    private IdxImages(byte[] pixels, int count, int rows, int columns) {
        this.pixels = pixels;
        this.count = count;
        this.rows = rows;
        this.columns = columns;
    }

    /**
     * Reads an IDX image file.
     *
     * @param file the file, {@code .gz} or raw (detected from its content)
     * @return the images
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it is not an IDX image file or is truncated
     */
    public static IdxImages read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX images from " + file, e);
        }
    }

    /**
     * Reads IDX images from a stream (gzip-compressed or raw).
     *
     * @param in   the stream; not closed
     * @param name the stream's name, for messages
     * @return the images
     * @throws IOException if the stream cannot be read
     */
    public static IdxImages read(InputStream in, String name) throws IOException {
        InputStream source = decompressed(in);
        ByteBuffer header = header(source, name, 16);
        int magic = header.getInt();
        if (magic != IMAGE_MAGIC) {
            throw new IllegalArgumentException(name + " is not an IDX image file: magic must be " + IMAGE_MAGIC
                    + " but was " + magic);
        }
        int count = header.getInt();
        int rows = header.getInt();
        int columns = header.getInt();
        long expected = (long) count * rows * columns;
        if (count < 0 || rows < 1 || columns < 1 || rows > MAX_SIDE || columns > MAX_SIDE || expected > MAX_BYTES) {
            throw new IllegalArgumentException(name + " is malformed: header says " + count + " images of " + rows + "x"
                    + columns + "; counts must be >= 0, sides in [1, " + MAX_SIDE + "] and the pixels at most "
                    + MAX_BYTES + " bytes");
        }
        byte[] pixels = body(source, name, expected, "header says " + count + " images of " + rows + "x" + columns);
        return new IdxImages(pixels, count, rows, columns);
    }

    /**
     * Reads an IDX label file (magic 2049, count, one unsigned byte per label), gzip-compressed or raw.
     *
     * @param file the file
     * @return the labels
     */
    public static int[] readLabels(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX labels from " + file, e);
        }
    }

    /**
     * Reads IDX labels from a stream.
     *
     * @param in   the stream; not closed
     * @param name the stream's name, for messages
     * @return the labels
     * @throws IOException if the stream cannot be read
     */
    public static int[] readLabels(InputStream in, String name) throws IOException {
        InputStream source = decompressed(in);
        ByteBuffer header = header(source, name, 8);
        int magic = header.getInt();
        if (magic != LABEL_MAGIC) {
            throw new IllegalArgumentException(name + " is not an IDX label file: magic must be " + LABEL_MAGIC
                    + " but was " + magic);
        }
        int count = header.getInt();
        if (count < 0 || count > MAX_BYTES) {
            throw new IllegalArgumentException(name + " is malformed: header says " + count + " labels");
        }
        byte[] bytes = body(source, name, count, "header says " + count + " labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[i] & 0xff;
        }
        return labels;
    }

    private static ByteBuffer header(InputStream in, String name, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IllegalArgumentException(name + " is too short for an IDX header: " + bytes.length + " bytes");
        }
        return ByteBuffer.wrap(bytes);
    }

    /**
     * Reads exactly the bytes the header declares, the buffer growing with the data actually read (a header that
     * lies about a large count costs no more memory than the data), and refuses a stream with more or fewer.
     */
    private static byte[] body(InputStream in, String name, long expected, String declared) throws IOException {
        byte[] bytes = in.readNBytes((int) expected);
        if (bytes.length < expected) {
            throw new IllegalArgumentException(name + " is truncated or malformed: " + declared + " (" + expected
                    + " bytes) but " + bytes.length + " bytes follow");
        }
        if (in.read() != -1) {
            throw new IllegalArgumentException(name + " is malformed: " + declared + " (" + expected
                    + " bytes) but more bytes follow; not read further");
        }
        return bytes;
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        in = in.markSupported() ? in : new java.io.BufferedInputStream(in);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** @return the number of images */
    public int count() {
        return count;
    }

    /** @return the shape of one image, [1, rows, columns] */
    public Shape imageShape() {
        return Shape.of(1, rows, columns);
    }

    /**
     * @param image the image index
     * @param row   the row
     * @param col   the column
     * @return the pixel value, 0..255
     */
    public int pixel(int image, int row, int col) {
        return pixels[(image * rows + row) * columns + col] & 0xff;
    }

    /**
     * @param n how many images to keep
     * @return the first {@code n} images
     */
    public IdxImages first(int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException("n must be in [1, " + count + "] but was " + n);
        }
        return new IdxImages(java.util.Arrays.copyOf(pixels, n * rows * columns), n, rows, columns);
    }

    /** @return the pixels scaled to [-1, 1] (p/127.5 − 1), row-major, [count, 1, rows, columns] */
    public float[] scaledToPlusMinusOne() {
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xff) / 127.5f - 1f;
        }
        return values;
    }

    /** @return the pixels scaled to [0, 1] (p/255), row-major, [count, 1, rows, columns]: a Bernoulli VAE's data */
    public float[] scaledToZeroOne() {
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xff) / 255f;
        }
        return values;
    }

    /** @return the images as a training source, pixels scaled to [0, 1] (for a VAE with a Bernoulli likelihood) */
    public InMemoryDataSource toZeroOneDataSource() {
        return InMemoryDataSource.of(scaledToZeroOne(), imageShape());
    }

    /** @return the images as an array [count, 1, rows, columns], pixels scaled to [-1, 1] */
    public org.nd4j.linalg.api.ndarray.INDArray toArray() {
        return org.nd4j.linalg.factory.Nd4j.create(scaledToPlusMinusOne(), new long[] {count, 1, rows, columns}, 'c');
    }

    /**
     * Centres every image on a larger square of background (pixel 0, so −1 after scaling), as StyleGAN's power-of-two
     * sides need: Fashion-MNIST's 28×28 on 32×32 gets 2 rows and columns on each side.
     *
     * @param side the new side, &gt;= rows and columns, with an even margin in each direction
     * @return the padded images scaled to [-1, 1], row-major, [count, 1, side, side]
     */
    public float[] paddedToPlusMinusOne(int side) {
        if (side < rows || side < columns || (side - rows) % 2 != 0 || (side - columns) % 2 != 0) {
            throw new IllegalArgumentException("side must be >= " + Math.max(rows, columns) + " with an even margin around "
                    + rows + "x" + columns + " images but was " + side);
        }
        int top = (side - rows) / 2;
        int left = (side - columns) / 2;
        float[] values = new float[Math.multiplyExact(Math.multiplyExact(count, side), side)];
        java.util.Arrays.fill(values, -1f);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    values[(i * side + top + r) * side + left + c] = (pixels[(i * rows + r) * columns + c] & 0xff) / 127.5f - 1f;
                }
            }
        }
        return values;
    }

    /**
     * @param side the new side; see {@link #paddedToPlusMinusOne(int)}
     * @return the images centred on side×side, as a training source in [-1, 1]
     */
    public InMemoryDataSource toPaddedDataSource(int side) {
        return InMemoryDataSource.of(paddedToPlusMinusOne(side), Shape.of(1, side, side));
    }

    /** @return the images as a training source, pixels scaled to [-1, 1] */
    public InMemoryDataSource toDataSource() {
        return InMemoryDataSource.of(scaledToPlusMinusOne(), imageShape());
    }

    @Override
    public String toString() {
        return "IdxImages(" + count + " x " + rows + "x" + columns + ")";
    }
}
