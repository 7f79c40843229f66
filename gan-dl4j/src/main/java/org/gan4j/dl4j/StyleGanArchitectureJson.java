package org.gan4j.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import org.gan4j.zoo.StyleGan2;

/**
 * The JSON form of a {@link StyleGan2} architecture in a saved model; reading goes through the builder, so every
 * value is checked as a user's would be.
 *
 * @param resolution        the image side
 * @param imageChannels     the image channels
 * @param latentSize        dim(z)
 * @param wSize             dim(w)
 * @param mappingLayers     the mapping network's layers
 * @param mappingLrMultiplier the mapping's learning-rate multiplier
 * @param channelBase       the channel base
 * @param channelMax        the most channels
 * @param minibatchStdGroup the minibatch-stddev group size
 */
record StyleGanArchitectureJson(int resolution, int imageChannels, int latentSize, int wSize, int mappingLayers,
                                double mappingLrMultiplier, int channelBase, int channelMax, int minibatchStdGroup) {

    static StyleGanArchitectureJson of(StyleGan2 a) {
        return new StyleGanArchitectureJson(a.resolution(), a.imageChannels(), a.latentSize(), a.wSize(), a.mappingLayers(),
                a.mappingLearningRateMultiplier(), a.channelBase(), a.channelMax(), a.minibatchStdGroup());
    }

    /**
     * @param node the JSON object
     * @return the architecture
     * @throws IllegalArgumentException naming the first missing or invalid field
     */
    static StyleGan2 read(JsonNode node) {
        return StyleGan2.builder().resolution(integer(node, "resolution")).imageChannels(integer(node, "imageChannels"))
                .latentSize(integer(node, "latentSize")).wSize(integer(node, "wSize"))
                .mappingLayers(integer(node, "mappingLayers"))
                .mappingLearningRateMultiplier(number(node, "mappingLrMultiplier"))
                .channels(integer(node, "channelBase"), integer(node, "channelMax"))
                .minibatchStdGroup(integer(node, "minibatchStdGroup")).build();
    }

    private static int integer(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException("stylegan2." + field + " must be an integer");
        }
        return v.asInt();
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("stylegan2." + field + " must be a number");
        }
        return v.asDouble();
    }
}
