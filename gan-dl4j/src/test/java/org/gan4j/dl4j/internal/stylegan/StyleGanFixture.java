package org.gan4j.dl4j.internal.stylegan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.zoo.StyleGan2;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The PyTorch float64 fixture of src/test/python/stylegan2_fixture.py (a tiny StyleGAN2 in the formulas of the
 * reference code) and the helpers that load it into gan4j stores and feeds.
 */
public final class StyleGanFixture {
    public static final JsonNode JSON = read();

    private StyleGanFixture() {
    }

    private static JsonNode read() {
        try (InputStream in = StyleGanFixture.class.getResourceAsStream("/fixtures/stylegan2.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the StyleGAN2 fixture", e);
        }
    }

    public static StyleGan2 arch() {
        JsonNode a = JSON.get("arch");
        return StyleGan2.builder().resolution(a.get("resolution").asInt()).imageChannels(a.get("image_channels").asInt())
                .latentSize(a.get("z").asInt()).wSize(a.get("w").asInt()).mappingLayers(a.get("mapping_layers").asInt())
                .channels(a.get("channel_base").asInt(), a.get("channel_max").asInt())
                .minibatchStdGroup(a.get("mbstd_group").asInt()).build();
    }

    public static int batch() {
        return JSON.get("arch").get("batch").asInt();
    }

    public static double setting(String name) {
        return JSON.get("settings").get(name).asDouble();
    }

    public static INDArray array(JsonNode tensor) {
        long[] shape = new long[tensor.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = tensor.get("shape").get(i).asLong();
        }
        double[] values = new double[tensor.get("values").size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.get("values").get(i).asDouble();
        }
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, DataType.DOUBLE);
    }

    /** Overwrites every parameter of the stores with the fixture's, checking that the names agree exactly. */
    public static void load(JsonNode weights, DataType type, ParameterStore... stores) {
        Map<String, INDArray> all = new TreeMap<>();
        for (ParameterStore store : stores) {
            all.putAll(store.parameters());
        }
        Map<String, String> expected = new TreeMap<>();
        weights.fieldNames().forEachRemaining(name -> {
            if (all.keySet().stream().anyMatch(k -> k.startsWith(name.substring(0, 2)))) {
                expected.put(name, name);
            }
        });
        assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        all.forEach((name, target) -> target.assign(array(weights.get(name)).reshape(target.shape()).castTo(type)));
    }

    /** @return the feed of a phase's generated batch: z₁, z₂, the mixing mask and the noise */
    public static Map<String, INDArray> generatorFeed(JsonNode inputs, DataType type) {
        Map<String, INDArray> feed = new LinkedHashMap<>();
        feed.put(StyleGanGraphs.Z1, array(inputs.get("z1")).castTo(type));
        feed.put(StyleGanGraphs.Z2, array(inputs.get("z2")).castTo(type));
        INDArray mask = array(inputs.get("mask"));
        feed.put(StyleGanGraphs.MIX, mask.reshape(mask.length(), 1).castTo(type));
        inputs.get("noises").fields().forEachRemaining(e ->
                feed.put(StyleGanGraphs.noise(e.getKey()), array(e.getValue()).castTo(type)));
        return feed;
    }

    /** @return the relative L2 error of a value against the fixture's */
    public static double relativeError(INDArray actual, JsonNode expected) {
        INDArray reference = array(expected).reshape(actual.shape());
        return actual.castTo(DataType.DOUBLE).sub(reference).norm2Number().doubleValue()
                / Math.max(reference.norm2Number().doubleValue(), 1e-12);
    }
}
