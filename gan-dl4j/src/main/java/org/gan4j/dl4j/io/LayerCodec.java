package org.gan4j.dl4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.gan4j.Activation;
import org.gan4j.ParameterInit;
import org.gan4j.Shape;
import org.gan4j.layer.ActivationLayer;
import org.gan4j.layer.BatchNorm;
import org.gan4j.layer.Conv2d;
import org.gan4j.layer.Deconv2d;
import org.gan4j.layer.Dense;
import org.gan4j.layer.Dropout;
import org.gan4j.layer.Flatten;
import org.gan4j.layer.InstanceNorm;
import org.gan4j.layer.LayerSpec;
import org.gan4j.layer.Reshape;
import org.gan4j.layer.Residual;

/**
 * Layers, shapes and initialisations as JSON, and back through the specs' own constructors (which check every
 * value). Reading names the path of whatever is missing or malformed ({@code layers[3].units}).
 */
final class LayerCodec {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_LAYERS = 10_000;

    private LayerCodec() {
    }

    static ArrayNode write(List<LayerSpec> layers) {
        ArrayNode array = JSON.arrayNode();
        for (LayerSpec layer : layers) {
            array.add(write(layer));
        }
        return array;
    }

    private static ObjectNode write(LayerSpec layer) {
        ObjectNode n = JSON.objectNode();
        if (layer instanceof Dense d) {
            n.put("type", "dense").put("units", d.units()).put("bias", d.bias()).put("spectral_norm", d.spectralNorm());
        } else if (layer instanceof Conv2d c) {
            n.put("type", "conv2d").put("filters", c.filters()).put("kernel", c.kernel()).put("stride", c.stride())
                    .put("padding", c.padding()).put("bias", c.bias())
                    .put("spectral_norm", c.spectralNorm());
        } else if (layer instanceof Deconv2d c) {
            n.put("type", "deconv2d").put("filters", c.filters()).put("kernel", c.kernel()).put("stride", c.stride())
                    .put("padding", c.padding()).put("bias", c.bias())
                    .put("spectral_norm", c.spectralNorm());
        } else if (layer instanceof BatchNorm b) {
            n.put("type", "batchNorm").put("epsilon", b.epsilon()).put("momentum", b.momentum());
        } else if (layer instanceof InstanceNorm i) {
            n.put("type", "instanceNorm").put("epsilon", i.epsilon()).put("affine", i.affine());
        } else if (layer instanceof Dropout d) {
            n.put("type", "dropout").put("rate", d.rate());
        } else if (layer instanceof Reshape r) {
            n.put("type", "reshape").set("shape", shape(r.target()));
        } else if (layer instanceof Flatten) {
            n.put("type", "flatten");
        } else if (layer instanceof ActivationLayer a) {
            n.put("type", "activation").put("kind", a.activation().kind().name()).put("alpha", a.activation().alpha());
        } else if (layer instanceof Residual r) {
            n.put("type", "residual").set("layers", write(r.layers()));
        } else {
            throw new IllegalArgumentException("no JSON form for layer " + layer);
        }
        return n;
    }

    static ArrayNode shape(Shape shape) {
        ArrayNode a = JSON.arrayNode();
        for (long d : shape.dims()) {
            a.add(d);
        }
        return a;
    }

    static ObjectNode init(ParameterInit init) {
        ObjectNode n = JSON.objectNode();
        if (init instanceof ParameterInit.FanInUniform) {
            n.put("type", "fanInUniform");
        } else if (init instanceof ParameterInit.XavierUniform) {
            n.put("type", "xavierUniform");
        } else if (init instanceof ParameterInit.Normal normal) {
            n.put("type", "normal").put("mean", normal.mean()).put("std", normal.std());
        } else if (init instanceof ParameterInit.Constant c) {
            n.put("type", "constant").put("value", c.value());
        } else {
            throw new IllegalArgumentException("no JSON form for initialisation " + init);
        }
        return n;
    }

    static List<LayerSpec> readLayers(JsonNode node, String path) {
        return readLayers(node, path, 0);
    }

    private static List<LayerSpec> readLayers(JsonNode node, String path, int depth) {
        if (node == null || !node.isArray() || node.size() > MAX_LAYERS || depth > MAX_DEPTH) {
            throw invalid(path, "an array of at most " + MAX_LAYERS + " layers nested at most " + MAX_DEPTH + " deep");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            try {
                layers.add(readLayer(node.get(i), at, depth));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw e.getMessage() != null && e.getMessage().startsWith(at) ? e : invalid(at, "a valid layer (" + e.getMessage() + ")");
            }
        }
        return layers;
    }

    private static LayerSpec readLayer(JsonNode n, String at, int depth) {
        String type = text(n, "type", at);
        return switch (type) {
            case "dense" -> new Dense(integer(n, "units", at), bool(n, "bias", at), spectralNorm(n, at));
            case "conv2d" -> new Conv2d(integer(n, "filters", at), integer(n, "kernel", at), integer(n, "stride", at),
                    integer(n, "padding", at), bool(n, "bias", at), spectralNorm(n, at));
            case "deconv2d" -> new Deconv2d(integer(n, "filters", at), integer(n, "kernel", at), integer(n, "stride", at),
                    integer(n, "padding", at), bool(n, "bias", at), spectralNorm(n, at));
            case "batchNorm" -> new BatchNorm(number(n, "epsilon", at), number(n, "momentum", at));
            case "instanceNorm" -> new InstanceNorm(number(n, "epsilon", at), bool(n, "affine", at));
            case "dropout" -> new Dropout(number(n, "rate", at));
            case "reshape" -> new Reshape(readShape(n.get("shape"), at + ".shape"));
            case "flatten" -> new Flatten();
            case "activation" -> new ActivationLayer(new Activation(kind(n, at), number(n, "alpha", at)));
            case "residual" -> new Residual(readLayers(n.get("layers"), at + ".layers", depth + 1));
            default -> throw invalid(at + ".type", "a known layer type but was '" + type + "'");
        };
    }

    static Shape readShape(JsonNode node, String path) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > 8) {
            throw invalid(path, "an array of 1 to 8 sizes");
        }
        long[] dims = new long[node.size()];
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = node.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 1 || d.asLong() > 1_000_000) {
                throw invalid(path + "[" + i + "]", "a size in [1, 1000000]");
            }
            dims[i] = d.asLong();
        }
        return Shape.of(dims);
    }

    static ParameterInit readInit(JsonNode n, String at) {
        String type = text(n, "type", at);
        return switch (type) {
            case "fanInUniform" -> ParameterInit.fanInUniform();
            case "xavierUniform" -> ParameterInit.xavierUniform();
            case "normal" -> new ParameterInit.Normal(number(n, "mean", at), number(n, "std", at));
            case "constant" -> ParameterInit.constant(number(n, "value", at));
            default -> throw invalid(at + ".type", "a known initialisation but was '" + type + "'");
        };
    }

    private static Activation.Kind kind(JsonNode n, String at) {
        String kind = text(n, "kind", at);
        try {
            return Activation.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw invalid(at + ".kind", "an activation kind but was '" + kind + "'");
        }
    }

    static String text(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isTextual() || v.asText().length() > 100) {
            throw invalid(at + "." + field, "a string");
        }
        return v.asText();
    }

    static int integer(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(at + "." + field, "an integer");
        }
        return v.asInt();
    }

    static double number(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw invalid(at + "." + field, "a finite number");
        }
        return v.asDouble();
    }

    private static boolean bool(JsonNode n, String field, String at) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isBoolean()) {
            throw invalid(at + "." + field, "true or false");
        }
        return v.asBoolean();
    }

    /** Absent in files written before spectral normalization existed: false. */
    private static boolean spectralNorm(JsonNode n, String at) {
        return n.has("spectral_norm") && bool(n, "spectral_norm", at);
    }

    static IllegalArgumentException invalid(String path, String expected) {
        return new IllegalArgumentException(path + " must be " + expected);
    }
}
