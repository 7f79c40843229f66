package org.gan4j.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads the reference vectors committed under src/test/resources/vectors (see vectors/README.md). */
final class Vectors {
    private Vectors() {
    }

    static JsonNode json(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] csv(String name) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Vectors.class.getResourceAsStream("/vectors/" + name), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                double[] row = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    row[i] = Double.parseDouble(parts[i].trim());
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows.toArray(new double[0][]);
    }

    static INDArray matrix(String name) {
        return Nd4j.create(csv(name)).castTo(DataType.DOUBLE);
    }

    static int[] ints(String name) {
        double[][] rows = csv(name);
        List<Integer> values = new ArrayList<>();
        for (double[] row : rows) {
            for (double v : row) {
                values.add((int) v);
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
