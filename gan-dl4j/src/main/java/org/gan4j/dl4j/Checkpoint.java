package org.gan4j.dl4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gan4j.LossHistory;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
import org.gan4j.dl4j.io.BoundedZip;
import org.gan4j.dl4j.io.NpyFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training checkpoint: everything {@link GanTrainer#resume(Path)} needs to continue a run exactly where it stopped.
 *
 * <p>One zip archive holds {@value #MANIFEST} (format, version, step and epoch counters, random generator states,
 * data position, update counts, the trainer's configuration, and a SHA-256 digest of every other entry), the
 * weights, batch-norm statistics, optimizer states and (when enabled) EMA weights of both networks as {@code .npy}
 * arrays under {@code arrays/}, and the loss and metric history as CSV. {@link #read(Path)} checks the zip CRCs, the
 * manifest, the format version and every digest before it returns, so a truncated, corrupted or foreign archive is
 * refused with a message and nothing is loaded partially. Checkpoints are written atomically (temporary file, then
 * rename) by the trainer; see {@link TrainerBuilder#checkpoints(Path, int, int)}.
 *
 * @since 0.1.0
 */
public final class Checkpoint {
    /** The manifest entry. */
    public static final String MANIFEST = "manifest.json";
    /** The value of the manifest's {@code format} field. */
    public static final String FORMAT = "gan4j-checkpoint";
    /** The archive version this gan4j writes and reads. */
    public static final int FORMAT_VERSION = 2;
    static final String HISTORY = "history.csv";
    private static final String CONFIGURATION = "configuration";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String METRICS = "metrics.csv";
    private static final String ARRAYS = "arrays/";
    private static final int STEP_COLUMNS = 4;
    private static final Pattern FILE_NAME = Pattern.compile("checkpoint-(\\d{9})\\.zip");

    private final JsonNode manifest;
    private final Map<String, INDArray> arrays;
    private final LossHistory history;

    private Checkpoint(JsonNode manifest, Map<String, INDArray> arrays, LossHistory history) {
        this.manifest = manifest;
        this.arrays = arrays;
        this.history = history;
    }

    /** @return the number of training steps completed when the checkpoint was written */
    public long step() {
        return manifest.get("step").asLong();
    }

    /** @return the epoch the run was in */
    public int epoch() {
        return manifest.get("epoch").asInt();
    }

    /** @return the trainer's configuration, which a resuming trainer must match */
    public String configuration() {
        return trainingConfiguration().toString();
    }

    /** @return the trainer's configuration, typed */
    TrainingConfiguration trainingConfiguration() {
        Map<String, String> entries = new LinkedHashMap<>();
        manifest.path(CONFIGURATION).fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
        return new TrainingConfiguration(entries);
    }

    /**
     * @param field a manifest field written by {@link Writer#record(String, Object)}
     * @param type  the record's class
     * @param <T>   its type
     * @return the record
     * @throws IllegalArgumentException if the field is missing or does not fit the record
     */
    <T> T record(String field, Class<T> type) {
        JsonNode node = manifest.get(field);
        if (node == null) {
            throw new IllegalArgumentException("checkpoint has no '" + field + "' in its manifest");
        }
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("checkpoint's '" + field + "' does not fit " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** @return the loss and metric history up to {@link #step()} */
    public LossHistory history() {
        return history;
    }

    /** @return the archive entry names of the arrays, for diagnostics */
    public List<String> arrayNames() {
        return List.copyOf(arrays.keySet());
    }

    /**
     * Checks that the checkpoint holds every target array with the same shape, then overwrites the targets.
     *
     * @param targets the live arrays by archive group and name
     * @throws IllegalArgumentException listing every missing, extra or misshapen array; nothing is assigned then
     */
    void restoreInto(Map<String, Map<String, INDArray>> targets) {
        List<String> problems = new ArrayList<>();
        targets.forEach((group, named) -> {
            Map<String, INDArray> saved = arrays(group);
            if (!saved.keySet().equals(named.keySet())) {
                problems.add(group + " holds " + saved.keySet() + " but the trainer has " + named.keySet());
                return;
            }
            named.forEach((name, target) -> {
                if (!java.util.Arrays.equals(saved.get(name).shape(), target.shape())) {
                    problems.add(group + "/" + name + " has shape " + java.util.Arrays.toString(saved.get(name).shape())
                            + " but the trainer's is " + java.util.Arrays.toString(target.shape()));
                }
            });
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("checkpoint does not fit this trainer: " + String.join("; ", problems));
        }
        targets.forEach((group, named) -> named.forEach((name, target) -> target.assign(arrays(group).get(name))));
    }

    /** @return the arrays under {@code arrays/<group>/}, by parameter name */
    Map<String, INDArray> arrays(String group) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        String prefix = ARRAYS + group + "/";
        for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String name = e.getKey().substring(prefix.length());
                out.put(name.substring(0, name.length() - ".npy".length()), e.getValue());
            }
        }
        return out;
    }

    /**
     * @param directory a checkpoint directory
     * @return the file name a checkpoint of this step gets there
     */
    static Path fileFor(Path directory, long step) {
        return directory.resolve(String.format("checkpoint-%09d.zip", step));
    }

    /**
     * @param directory a directory that checkpoints were written to
     * @return the checkpoint of the highest step there, if any
     */
    public static Optional<Path> latest(Path directory) {
        return list(directory).stream().reduce((a, b) -> b);
    }

    /** @return the checkpoint files in the directory, by increasing step */
    static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        files.sort(Path::compareTo);
        return files;
    }

    /**
     * Reads and checks a checkpoint completely.
     *
     * @param file a checkpoint archive
     * @return the checkpoint
     * @throws IllegalArgumentException if the file is missing, truncated, corrupted, not a gan4j checkpoint, or of
     *                                  another format version
     */
    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("checkpoint " + file + " does not exist");
        }
        Map<String, byte[]> entries;
        try {
            entries = BoundedZip.read(file, BoundedZip.defaultLimit());
        } catch (IOException | RuntimeException e) {
            throw corrupt(file, "unreadable zip (" + e.getMessage() + ")", e);
        }
        byte[] manifestBytes = entries.get(MANIFEST);
        if (manifestBytes == null) {
            throw corrupt(file, entries.isEmpty() ? "no zip entries (truncated or not a zip archive)" : "no " + MANIFEST, null);
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestBytes);
        } catch (IOException e) {
            throw corrupt(file, MANIFEST + " is not valid JSON", e);
        }
        if (!FORMAT.equals(manifest.path("format").asText())) {
            throw new IllegalArgumentException("checkpoint " + file + " is not a gan4j checkpoint (format "
                    + manifest.path("format") + ")");
        }
        int version = manifest.path("version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("checkpoint " + file + " has format version " + version + "; this gan4j reads version "
                    + FORMAT_VERSION);
        }
        JsonNode digests = manifest.path("digests");
        List<String> problems = new ArrayList<>();
        digests.fieldNames().forEachRemaining(name -> {
            byte[] content = entries.get(name);
            if (content == null) {
                problems.add(name + " is missing");
            } else if (!sha256(content).equals(digests.get(name).asText())) {
                problems.add(name + " does not match its digest");
            }
        });
        for (String name : entries.keySet()) {
            if (!name.equals(MANIFEST) && !digests.has(name)) {
                problems.add(name + " is not listed in the manifest");
            }
        }
        if (!problems.isEmpty()) {
            throw corrupt(file, String.join("; ", problems), null);
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getKey().startsWith(ARRAYS)) {
                    arrays.put(e.getKey(), NpyFormat.read(e.getValue(), e.getKey()));
                }
            }
            return new Checkpoint(manifest, Collections.unmodifiableMap(arrays),
                    readHistory(entries.get(HISTORY), entries.get(METRICS)));
        } catch (RuntimeException e) {
            throw corrupt(file, "unreadable content (" + e.getMessage() + ")", e);
        }
    }

    private static IllegalArgumentException corrupt(Path file, String why, Exception cause) {
        return new IllegalArgumentException("checkpoint " + file + " is corrupted or truncated: " + why, cause);
    }

    private static LossHistory readHistory(byte[] steps, byte[] metrics) {
        List<String> stepLines = lines(steps);
        String[] header = stepLines.remove(0).split(",");
        List<StepResult> results = new ArrayList<>();
        for (String line : stepLines) {
            String[] f = line.split(",");
            if (f.length != header.length) {
                throw new IllegalStateException(HISTORY + " has a row of " + f.length + " fields under a header of " + header.length);
            }
            Map<String, Double> terms = new LinkedHashMap<>();
            for (int i = STEP_COLUMNS; i < f.length; i++) {
                terms.put(header[i], Double.parseDouble(f[i]));
            }
            results.add(new StepResult(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), terms));
        }
        List<String> metricLines = lines(metrics);
        metricLines.remove(0);
        List<MetricPoint> points = new ArrayList<>();
        for (String line : metricLines) {
            String[] f = line.split(",", 3);
            points.add(new MetricPoint(Long.parseLong(f[0]), f[2], Double.parseDouble(f[1])));
        }
        return new LossHistory(results, points);
    }

    private static List<String> lines(byte[] csv) {
        if (csv == null) {
            throw new IllegalStateException("history entry missing");
        }
        List<String> lines = new ArrayList<>(List.of(new String(csv, StandardCharsets.UTF_8).split("\n")));
        lines.removeIf(String::isBlank);
        if (lines.isEmpty()) {
            throw new IllegalStateException("history entry without a header");
        }
        return lines;
    }

    /** Assembles a checkpoint archive in memory; the trainer fills it and writes the bytes atomically. */
    static final class Writer {
        private final ObjectNode manifest = JSON.createObjectNode();
        private final Map<String, byte[]> entries = new LinkedHashMap<>();

        Writer(long step, int epoch, TrainingConfiguration configuration) {
            manifest.put("format", FORMAT);
            manifest.put("version", FORMAT_VERSION);
            manifest.put("step", step);
            manifest.put("epoch", epoch);
            ObjectNode entries = manifest.putObject(CONFIGURATION);
            configuration.entries().forEach(entries::put);
        }

        /**
         * @param field  the manifest field
         * @param record a record (or any value Jackson writes), read back by {@link Checkpoint#record(String, Class)}
         * @return this writer
         */
        Writer record(String field, Object record) {
            manifest.set(field, JSON.valueToTree(record));
            return this;
        }

        Writer arrays(String group, Map<String, INDArray> named) {
            for (Map.Entry<String, INDArray> e : named.entrySet()) {
                entries.put(ARRAYS + group + "/" + e.getKey() + ".npy", NpyFormat.write(e.getValue()));
            }
            return this;
        }

        Writer history(LossHistory history) {
            List<String> terms = history.steps().isEmpty() ? List.of() : List.copyOf(history.steps().get(0).terms().keySet());
            StringBuilder steps = new StringBuilder("step,epoch,discriminator_loss,generator_loss");
            terms.forEach(t -> steps.append(',').append(t));
            steps.append('\n');
            for (StepResult r : history.steps()) {
                if (!r.terms().keySet().equals(new java.util.LinkedHashSet<>(terms))) {
                    throw new IllegalStateException("step " + r.step() + " has terms " + r.terms().keySet() + " but step 1 " + terms);
                }
                steps.append(r.step()).append(',').append(r.epoch()).append(',').append(r.discriminatorLoss()).append(',')
                        .append(r.generatorLoss());
                terms.forEach(t -> steps.append(',').append(r.terms().get(t)));
                steps.append('\n');
            }
            StringBuilder metrics = new StringBuilder("step,value,name\n");
            for (MetricPoint m : history.metrics()) {
                metrics.append(m.step()).append(',').append(m.value()).append(',').append(m.name()).append('\n');
            }
            entries.put(HISTORY, steps.toString().getBytes(StandardCharsets.UTF_8));
            entries.put(METRICS, metrics.toString().getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] toBytes() {
            ObjectNode digests = manifest.putObject("digests");
            entries.forEach((name, content) -> digests.put(name, sha256(content)));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                zip.closeEntry();
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot assemble a checkpoint", e);
            }
            return bytes.toByteArray();
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Checkpoint(step=" + step() + ", epoch=" + epoch() + ", " + arrays.size() + " arrays)";
    }
}
