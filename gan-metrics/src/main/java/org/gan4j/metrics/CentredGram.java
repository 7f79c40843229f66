package org.gan4j.metrics;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The column means μ and the co-moment M = Σᵢ (xᵢ − μ)(xᵢ − μ)ᵀ of a batch of feature rows, in float64, in two
 * passes over the batch: one for the means (refusing non-finite values), one that centres a block of rows at a time
 * into a reused float64 buffer and adds its Gram matrix to M (dsyrk with β = 1). The centred batch is never held
 * whole: a float64 copy of 10,000 × 2048 features is 160 MB of fresh memory, and on machines where first touching a
 * page is slow that costs as much as the product itself.
 */
final class CentredGram {
    /** Rows centred per block: 512 × 2048 float64 is 8 MB, and 512 is longer than OpenBLAS's inner blocking. */
    static final int BLOCK_ROWS = 512;

    final double[] mean;
    final INDArray coMoment;

    private CentredGram(double[] mean, INDArray coMoment) {
        this.mean = mean;
        this.coMoment = coMoment;
    }

    /**
     * @param batch features [rows ≥ 1, d], any floating-point type
     * @param name  the input's name, for messages
     * @return μ and M
     * @throws IllegalArgumentException naming the first non-finite element
     */
    static CentredGram of(INDArray batch, String name) {
        return of(batch, name, BLOCK_ROWS);
    }

    static CentredGram of(INDArray batch, String name, int blockRows) {
        Rows rows = new Rows(batch);
        int n = rows.count;
        int d = rows.width;
        double[] row = new double[d];
        double[] mean = new double[d];
        for (int r = 0; r < n; r++) {
            rows.read(r, row);
            for (int c = 0; c < d; c++) {
                if (!Double.isFinite(row[c])) {
                    throw new IllegalArgumentException(name + " must be finite but holds " + row[c] + " at [" + r
                            + ", " + c + "]");
                }
                mean[c] += row[c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        int block = Math.min(blockRows, n);
        INDArray centred = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {block, d}, 'c');
        DoubleBuffer target = centred.data().asNioDouble();
        INDArray m = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {d, d}, 'f');
        for (int start = 0; start < n; start += block) {
            int count = Math.min(block, n - start);
            for (int r = 0; r < count; r++) {
                rows.read(start + r, row);
                for (int c = 0; c < d; c++) {
                    row[c] -= mean[c];
                }
                target.put(r * d, row, 0, d);
            }
            Lapack.addGram(centred, count, m, start == 0);
        }
        Lapack.mirrorUpper(m);
        return new CentredGram(mean, m);
    }

    /** Row-by-row float64 access to a row-major float32 or float64 matrix without copying it whole. */
    private static final class Rows {
        final int count;
        final int width;
        private final FloatBuffer floats;
        private final DoubleBuffer doubles;
        private final float[] scratch;

        Rows(INDArray batch) {
            INDArray x = batch.dataType() == DataType.FLOAT || batch.dataType() == DataType.DOUBLE
                    ? batch : batch.castTo(DataType.DOUBLE);
            if (x.ordering() != 'c' || !Matrices.dense(x)) {
                x = x.dup('c');
            }
            count = (int) x.size(0);
            width = (int) x.size(1);
            floats = x.dataType() == DataType.FLOAT ? x.data().asNioFloat() : null;
            doubles = floats == null ? x.data().asNioDouble() : null;
            scratch = new float[width];
        }

        void read(int r, double[] row) {
            if (doubles != null) {
                doubles.get(r * width, row, 0, width);
                return;
            }
            floats.get(r * width, scratch, 0, width);
            for (int c = 0; c < width; c++) {
                row[c] = scratch[c];
            }
        }
    }
}
