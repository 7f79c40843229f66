package org.gan4j.dl4j.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's arrays as archive entries: trainable parameters as {@code weights/params/<name>.npy}, non-trainable state
 * (batch-norm statistics) as {@code weights/state/<name>.npy}, written and read with {@link NpyFormat}.
 *
 * @since 0.1.0
 */
public final class WeightEntries {
    private static final String PARAMS = "weights/params/";
    private static final String STATE = "weights/state/";

    /**
     * A network's arrays read from an archive.
     *
     * @param parameters trainable parameters by name
     * @param state      non-trainable state by name
     */
    public record Weights(Map<String, INDArray> parameters, Map<String, INDArray> state) {
    }

    private WeightEntries() {
    }

    /**
     * @param parameters trainable parameters by name
     * @param state      non-trainable state by name
     * @return archive entries
     */
    public static Map<String, byte[]> write(Map<String, INDArray> parameters, Map<String, INDArray> state) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        parameters.forEach((name, array) -> entries.put(PARAMS + name + ".npy", NpyFormat.write(array)));
        state.forEach((name, array) -> entries.put(STATE + name + ".npy", NpyFormat.write(array)));
        return entries;
    }

    /**
     * @param file    the archive, for messages
     * @param entries every entry of the archive
     * @return the arrays of every weight entry, each checked by {@link NpyFormat}
     */
    public static Weights read(Path file, Map<String, byte[]> entries) {
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        Map<String, INDArray> state = new LinkedHashMap<>();
        entries.forEach((entry, bytes) -> {
            if (entry.endsWith(".npy") && entry.startsWith(PARAMS)) {
                parameters.put(entry.substring(PARAMS.length(), entry.length() - 4), NpyFormat.read(bytes, file + ": " + entry));
            } else if (entry.endsWith(".npy") && entry.startsWith(STATE)) {
                state.put(entry.substring(STATE.length(), entry.length() - 4), NpyFormat.read(bytes, file + ": " + entry));
            }
        });
        return new Weights(parameters, state);
    }
}
