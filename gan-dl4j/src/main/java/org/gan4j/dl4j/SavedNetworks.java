package org.gan4j.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.dl4j.io.ModelArchive;
import org.gan4j.dl4j.io.WeightEntries;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The safe form of a saved model: the network specs as JSON and the arrays of their stores as checked {@code .npy}
 * entries. Loading rebuilds each network from its spec through the builders and compiles it over a store that holds
 * exactly the saved arrays ({@link ParameterStore#restored}): a spec that asks for an array the file does not hold, or
 * a file holding arrays the spec does not use, is refused, and nothing is allocated beyond what the file holds.
 */
final class SavedNetworks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SavedNetworks() {
    }

    /**
     * @param specs  the JSON forms by role ("generator", "encoder", ...)
     * @param stores the stores the models were compiled over, by role
     * @return the archive entries: {@value ModelArchive#NETWORK_ENTRY} and every store's arrays
     */
    static Map<String, byte[]> entries(Map<String, ObjectNode> specs, Map<String, ParameterStore> stores) {
        ObjectNode network = JSON.createObjectNode();
        ObjectNode storeNames = network.putObject("stores");
        specs.forEach(network::set);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        Map<String, INDArray> state = new LinkedHashMap<>();
        stores.forEach((role, store) -> {
            storeNames.put(role, store.network());
            parameters.putAll(store.parameters());
            state.putAll(store.state());
        });
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            entries.put(ModelArchive.NETWORK_ENTRY, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(network));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the network spec as JSON", e);
        }
        entries.putAll(WeightEntries.write(parameters, state));
        return entries;
    }

    /**
     * Rebuilds a model from the safe form.
     *
     * @param c       the archive's contents, holding a spec
     * @param roles   the stores' roles
     * @param build   builds the model from the spec JSON and the restored stores by role; may throw
     *                {@link IllegalArgumentException} or {@link IllegalStateException} for an invalid spec
     * @param <M>     the model
     * @return the model
     * @throws IllegalArgumentException naming the file and what does not fit
     */
    static <M> M load(ModelArchive.Contents c, List<String> roles, Function<Restored, M> build) {
        Path file = c.file();
        JsonNode spec = c.spec();
        WeightEntries.Weights weights = WeightEntries.read(file, c.entries());
        Map<String, ParameterStore> stores = new LinkedHashMap<>();
        TreeSet<String> claimed = new TreeSet<>();
        for (String role : roles) {
            JsonNode name = spec.path("stores").get(role);
            if (name == null || !name.isTextual() || !name.asText().matches("[A-Za-z][A-Za-z0-9_]{0,31}")) {
                throw new IllegalArgumentException(file + ": " + ModelArchive.NETWORK_ENTRY + " stores." + role
                        + " must be a network name of letters, digits and '_'");
            }
            String prefix = name.asText() + "/";
            Map<String, INDArray> parameters = new LinkedHashMap<>();
            Map<String, INDArray> state = new LinkedHashMap<>();
            weights.parameters().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    parameters.put(k, v);
                }
            });
            weights.state().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    state.put(k, v);
                }
            });
            claimed.addAll(parameters.keySet());
            claimed.addAll(state.keySet());
            stores.put(role, ParameterStore.restored(name.asText(), parameters, state));
        }
        TreeSet<String> orphans = new TreeSet<>(weights.parameters().keySet());
        orphans.addAll(weights.state().keySet());
        orphans.removeAll(claimed);
        M model;
        try {
            model = build.apply(new Restored(spec, stores, file + ": " + ModelArchive.NETWORK_ENTRY));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(file + " does not hold a valid network: " + e.getMessage(), e);
        }
        stores.values().forEach(s -> orphans.addAll(s.unused()));
        if (!orphans.isEmpty()) {
            throw new IllegalArgumentException(file + " holds weights its network does not use: " + orphans);
        }
        return model;
    }

    /**
     * What a model is rebuilt from.
     *
     * @param spec   the parsed {@value ModelArchive#NETWORK_ENTRY}
     * @param stores the restored stores by role
     * @param path   where the spec came from, for messages
     */
    record Restored(JsonNode spec, Map<String, ParameterStore> stores, String path) {
    }
}
