package org.gan4j.data;

import java.io.ByteArrayOutputStream;
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
 */
public final class IdxImages {
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
        ByteBuffer data = ByteBuffer.wrap(readAll(in));
        int magic = header(data, name, 16).getInt();
        if (magic != IMAGE_MAGIC) {
            throw new IllegalArgumentException(name + " is not an IDX image file: magic must be " + IMAGE_MAGIC
                    + " but was " + magic);
        }
        int count = data.getInt();
        int rows = data.getInt();
        int columns = data.getInt();
        long expected = (long) count * rows * columns;
        if (count < 0 || rows < 1 || columns < 1 || data.remaining() != expected) {
            throw new IllegalArgumentException(name + " is truncated or malformed: header says " + count + " images of "
                    + rows + "x" + columns + " (" + expected + " bytes) but " + data.remaining() + " bytes follow");
        }
        byte[] pixels = new byte[(int) expected];
        data.get(pixels);
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
        ByteBuffer data = ByteBuffer.wrap(readAll(in));
        int magic = header(data, name, 8).getInt();
        if (magic != LABEL_MAGIC) {
            throw new IllegalArgumentException(name + " is not an IDX label file: magic must be " + LABEL_MAGIC
                    + " but was " + magic);
        }
        int count = data.getInt();
        if (count < 0 || data.remaining() != count) {
            throw new IllegalArgumentException(name + " is truncated or malformed: header says " + count
                    + " labels but " + data.remaining() + " bytes follow");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = data.get() & 0xff;
        }
        return labels;
    }

    private static ByteBuffer header(ByteBuffer data, String name, int length) {
        if (data.remaining() < length) {
            throw new IllegalArgumentException(name + " is too short for an IDX header: " + data.remaining() + " bytes");
        }
        return data;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        in = in.markSupported() ? in : new java.io.BufferedInputStream(in);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        InputStream source = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(in, 1 << 16) : in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.transferTo(out);
        return out.toByteArray();
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

    /** @return the images as a training source, pixels scaled to [-1, 1] */
    public InMemoryDataSource toDataSource() {
        return InMemoryDataSource.of(scaledToPlusMinusOne(), imageShape());
    }

    @Override
    public String toString() {
        return "IdxImages(" + count + " x " + rows + "x" + columns + ")";
    }
}
