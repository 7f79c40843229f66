package org.gan4j.dl4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy's {@code .npy} format (version 1.0 written; 1.0, 2.0 and 3.0 read) for float32 and float64 arrays, parsed
 * and checked entirely in Java before any array is created: the magic string, the header length, the header's
 * {@code descr}, {@code fortran_order} and {@code shape}, every size non-negative, the element count computed in 64
 * bits, and the data exactly count × item size bytes long. A file that fails any check is refused with an
 * {@link IllegalArgumentException} naming the entry; no bytes reach native code unchecked. Specification:
 * <a href="https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html">numpy.lib.format</a>.
 *
 * @since 0.1.0
 */
public final class NpyFormat {
    /** The most elements one array may hold (a Java array's limit). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 65_536;
    private static final int MAX_RANK = 32;
    private static final Pattern HEADER = Pattern.compile(
            "\\{\\s*'descr'\\s*:\\s*'([<>|=]?)f([48])'\\s*,\\s*'fortran_order'\\s*:\\s*(True|False)\\s*,"
                    + "\\s*'shape'\\s*:\\s*\\(([0-9,\\s]*)\\)\\s*,?\\s*}\\s*");

    private NpyFormat() {
    }

    /**
     * @param array a float32 or float64 array
     * @return the array as a version 1.0 {@code .npy} file, little-endian, C order
     */
    public static byte[] write(INDArray array) {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("only float32 and float64 arrays are written as .npy but the array is " + type);
        }
        long[] shape = array.shape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '<f" + (type == DataType.FLOAT ? 4 : 8) + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        byte[] header = (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
        int itemSize = type == DataType.FLOAT ? 4 : 8;
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length + Math.toIntExact(array.length() * itemSize))
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
        INDArray c = array.dup('c');
        if (type == DataType.FLOAT) {
            out.asFloatBuffer().put(c.data().asFloat());
        } else {
            out.asDoubleBuffer().put(c.data().asDouble());
        }
        return out.array();
    }

    /**
     * @param bytes the file's bytes
     * @param name  the entry's name, for messages
     * @return the array, float32 or float64 as stored, C order
     * @throws IllegalArgumentException if the bytes are not a valid float32/float64 {@code .npy} file
     */
    public static INDArray read(byte[] bytes, String name) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw refuse(name, "it does not start with the .npy magic string");
        }
        in.position(MAGIC.length);
        int major = in.get();
        in.get();
        long headerLength;
        if (major == 1) {
            headerLength = in.getShort() & 0xffff;
        } else if (major == 2 || major == 3) {
            headerLength = in.getInt() & 0xffffffffL;
        } else {
            throw refuse(name, "its format version " + major + " is not 1, 2 or 3");
        }
        if (headerLength > MAX_HEADER || headerLength > in.remaining()) {
            throw refuse(name, "its header declares " + headerLength + " bytes but at most "
                    + Math.min(MAX_HEADER, in.remaining()) + " are possible");
        }
        String header = new String(bytes, in.position(), (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        in.position(in.position() + (int) headerLength);
        Matcher m = HEADER.matcher(header);
        if (!m.matches()) {
            throw refuse(name, "its header " + abbreviated(header) + " is not a float32/float64 array header");
        }
        if (m.group(3).equals("True")) {
            throw refuse(name, "it is stored in Fortran order, which gan4j does not read");
        }
        ByteOrder order = m.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int itemSize = Integer.parseInt(m.group(2));
        long[] shape = shape(m.group(4), name);
        long count = 1;
        for (long d : shape) {
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                throw refuse(name, "its shape " + Arrays.toString(shape) + " overflows 64 bits");
            }
        }
        if (count > MAX_ELEMENTS) {
            throw refuse(name, "its shape " + Arrays.toString(shape) + " holds " + count + " elements, more than "
                    + MAX_ELEMENTS);
        }
        if (in.remaining() != count * itemSize) {
            throw refuse(name, "its shape " + Arrays.toString(shape) + " of " + itemSize + "-byte values needs "
                    + count * itemSize + " data bytes but it holds " + in.remaining());
        }
        ByteBuffer data = in.slice().order(order);
        if (itemSize == 4) {
            float[] values = new float[(int) count];
            data.asFloatBuffer().get(values);
            return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
        }
        double[] values = new double[(int) count];
        data.asDoubleBuffer().get(values);
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
    }

    private static long[] shape(String text, String name) {
        String[] parts = text.trim().isEmpty() ? new String[0] : text.split(",");
        long[] dims = new long[parts.length];
        int rank = 0;
        for (String part : parts) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (rank == MAX_RANK || !p.matches("[0-9]{1,19}")) {
                throw refuse(name, "its shape (" + abbreviated(text) + ") is not a tuple of at most " + MAX_RANK + " sizes");
            }
            try {
                dims[rank++] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw refuse(name, "its shape size " + p + " exceeds 64 bits");
            }
        }
        return Arrays.copyOf(dims, rank);
    }

    private static String abbreviated(String s) {
        return s.length() <= 120 ? s.strip() : s.substring(0, 120) + "...";
    }

    private static IllegalArgumentException refuse(String name, String why) {
        return new IllegalArgumentException(name + " is not a valid .npy array: " + why);
    }
}
