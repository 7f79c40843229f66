package org.gan4j.dl4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gan4j.Encoder;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.NetworkBody;
import org.gan4j.Translator;
import org.gan4j.layer.LayerSpec;
import org.gan4j.loss.ReconstructionLikelihood;
import org.gan4j.losses.vae.BernoulliLikelihood;
import org.gan4j.losses.vae.GaussianLikelihood;

/**
 * Network specifications as JSON, for saved models that are rebuilt from their spec instead of deserialised from a
 * SameDiff file: written from a built {@link Generator}, {@link Translator} or {@link Encoder} (layers only; a custom
 * graph has no JSON form) and read back through the builders, so a file can only describe a network the builders
 * accept. Every read names the path of what is missing or malformed.
 *
 * @since 0.1.0
 */
public final class SpecCodec {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SpecCodec() {
    }

    /**
     * @param body a network body
     * @return whether it has a JSON form (built from layers, not a custom graph)
     */
    public static boolean hasJsonForm(NetworkBody body) {
        return body instanceof NetworkBody.Layers;
    }

    /**
     * @param g a generator built from layers
     * @return its JSON form
     */
    public static ObjectNode write(Generator g) {
        ObjectNode n = JSON.objectNode();
        n.put("latentDistribution", g.latent().distribution().name()).put("latentSize", g.latent().size())
                .put("classes", g.classes());
        n.set("weightInit", LayerCodec.init(g.weightInit()));
        n.set("layers", LayerCodec.write(layers(g.body())));
        return n;
    }

    /**
     * @param n    the JSON form
     * @param path where it sits, for messages
     * @return the generator, built and checked by {@link Generator.Builder}
     */
    public static Generator readGenerator(JsonNode n, String path) {
        String distribution = LayerCodec.text(n, "latentDistribution", path);
        int size = LayerCodec.integer(n, "latentSize", path);
        LatentSpace latent = switch (distribution) {
            case "GAUSSIAN" -> LatentSpace.gaussian(size);
            case "UNIFORM" -> LatentSpace.uniform(size);
            default -> throw LayerCodec.invalid(path + ".latentDistribution", "GAUSSIAN or UNIFORM but was '" + distribution + "'");
        };
        Generator.Builder b = Generator.builder().latent(latent).weightInit(LayerCodec.readInit(n.get("weightInit"), path + ".weightInit"));
        int classes = LayerCodec.integer(n, "classes", path);
        if (classes != 0) {
            b.conditional(classes);
        }
        LayerCodec.readLayers(n.get("layers"), path + ".layers").forEach(b::layer);
        return b.build();
    }

    /**
     * @param t a translator built from layers
     * @return its JSON form
     */
    public static ObjectNode write(Translator t) {
        ObjectNode n = JSON.objectNode();
        n.set("input", LayerCodec.shape(t.inputShape()));
        n.set("weightInit", LayerCodec.init(t.weightInit()));
        n.set("layers", LayerCodec.write(layers(t.body())));
        return n;
    }

    /**
     * @param n    the JSON form
     * @param path where it sits, for messages
     * @return the translator, built and checked by {@link Translator.Builder}
     */
    public static Translator readTranslator(JsonNode n, String path) {
        Translator.Builder b = Translator.builder().input(LayerCodec.readShape(n == null ? null : n.get("input"), path + ".input"))
                .weightInit(LayerCodec.readInit(n.get("weightInit"), path + ".weightInit"));
        LayerCodec.readLayers(n.get("layers"), path + ".layers").forEach(b::layer);
        return b.build();
    }

    /**
     * @param e an encoder built from layers
     * @return its JSON form: the layers before the latent head, and the latent size
     */
    public static ObjectNode write(Encoder e) {
        List<LayerSpec> all = layers(e.body());
        ObjectNode n = JSON.objectNode();
        n.set("input", LayerCodec.shape(e.inputShape()));
        n.put("latentSize", e.latentSize());
        n.set("weightInit", LayerCodec.init(e.weightInit()));
        n.set("layers", LayerCodec.write(all.subList(0, all.size() - 1)));
        return n;
    }

    /**
     * @param n    the JSON form
     * @param path where it sits, for messages
     * @return the encoder, built and checked by {@link Encoder.Builder}
     */
    public static Encoder readEncoder(JsonNode n, String path) {
        Encoder.Builder b = Encoder.builder().input(LayerCodec.readShape(n == null ? null : n.get("input"), path + ".input"))
                .weightInit(LayerCodec.readInit(n.get("weightInit"), path + ".weightInit"))
                .latent(LayerCodec.integer(n, "latentSize", path));
        LayerCodec.readLayers(n.get("layers"), path + ".layers").forEach(b::layer);
        return b.build();
    }

    /**
     * @param likelihood a likelihood
     * @return whether it has a JSON form (gan4j's Bernoulli and Gaussian likelihoods)
     */
    public static boolean hasJsonForm(ReconstructionLikelihood likelihood) {
        return likelihood instanceof BernoulliLikelihood || likelihood instanceof GaussianLikelihood;
    }

    /**
     * @param likelihood one of gan4j's likelihoods
     * @return its JSON form
     */
    public static ObjectNode write(ReconstructionLikelihood likelihood) {
        ObjectNode n = JSON.objectNode();
        if (likelihood instanceof BernoulliLikelihood) {
            return n.put("type", "bernoulli");
        }
        GaussianLikelihood g = (GaussianLikelihood) likelihood;
        return g.isLearned() ? n.put("type", "gaussianLearned") : n.put("type", "gaussian").put("sigma", g.sigma());
    }

    /**
     * @param n    the JSON form
     * @param path where it sits, for messages
     * @return the likelihood
     */
    public static ReconstructionLikelihood readLikelihood(JsonNode n, String path) {
        String type = LayerCodec.text(n, "type", path);
        return switch (type) {
            case "bernoulli" -> new BernoulliLikelihood();
            case "gaussianLearned" -> GaussianLikelihood.learned();
            case "gaussian" -> GaussianLikelihood.fixed(LayerCodec.number(n, "sigma", path));
            default -> throw LayerCodec.invalid(path + ".type", "bernoulli, gaussian or gaussianLearned but was '" + type + "'");
        };
    }

    private static List<LayerSpec> layers(NetworkBody body) {
        if (!(body instanceof NetworkBody.Layers l)) {
            throw new IllegalArgumentException("a custom graph network has no JSON form");
        }
        return l.layers();
    }
}
