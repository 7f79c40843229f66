package org.gan4j.metrics.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reads fixtures/small_inception.{onnx,json}, written by src/test/python/small_inception_onnx.py. */
public final class SmallInceptionFixture {
    private SmallInceptionFixture() {
    }

    static byte[] model() {
        try (InputStream in = SmallInceptionFixture.class.getResourceAsStream("/fixtures/small_inception.onnx")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the fixture's JSON: torch's outputs and the resize cases */
    public static JsonNode json() {
        try (InputStream in = SmallInceptionFixture.class.getResourceAsStream("/fixtures/small_inception.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a nested JSON list as a float64 array of its own shape */
    public static INDArray array(JsonNode nested) {
        List<Long> shape = new ArrayList<>();
        for (JsonNode n = nested; n.isArray(); n = n.get(0)) {
            shape.add((long) n.size());
        }
        List<Double> values = new ArrayList<>();
        flatten(nested, values);
        double[] data = values.stream().mapToDouble(Double::doubleValue).toArray();
        return Nd4j.create(data, shape.stream().mapToLong(Long::longValue).toArray(), DataType.DOUBLE);
    }

    private static void flatten(JsonNode node, List<Double> into) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else {
            into.add(node.asDouble());
        }
    }
}
