package org.gan4j.dl4j;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.gan4j.ImageTranslator;
import org.gan4j.Shape;
import org.gan4j.dl4j.io.ModelArchive;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained image-to-image network ready to translate: a SameDiff inference graph with placeholder {@value #INPUT}
 * [n, input shape...] and output {@value #OUTPUT}. {@link #save(Path)} writes one zip archive holding
 * {@value #GRAPH_ENTRY} (a plain SameDiff file) and {@value #META_ENTRY} (shapes, format version); {@link #load(Path)}
 * reads it back. Calls are serialised, so one model can be shared between threads.
 */
public final class TranslatorModel implements ImageTranslator {
    /** The placeholder holding input images. */
    public static final String INPUT = "input";
    /** The output holding translated images. */
    public static final String OUTPUT = "translated";
    /** The archive entry holding the SameDiff graph. */
    public static final String GRAPH_ENTRY = "translator.samediff";
    /** The archive entry holding the metadata. */
    public static final String META_ENTRY = "translator.properties";
    /** The archive format this version writes and reads. */
    public static final int FORMAT_VERSION = 1;
    private static final ModelArchive ARCHIVE = new ModelArchive("translator", META_ENTRY, GRAPH_ENTRY, FORMAT_VERSION);

    private final SameDiff graph;
    private final Shape inputShape;
    private final Shape outputShape;

    TranslatorModel(SameDiff graph, Shape inputShape, Shape outputShape) {
        this.graph = graph;
        this.inputShape = inputShape;
        this.outputShape = outputShape;
    }

    @Override
    public Shape inputShape() {
        return inputShape;
    }

    @Override
    public Shape outputShape() {
        return outputShape;
    }

    @Override
    public synchronized INDArray translate(INDArray images) {
        INDArray input = ModelInputs.batchOf(images, inputShape);
        return graph.output(Map.of(INPUT, input), OUTPUT).get(OUTPUT).dup();
    }

    /**
     * Writes the translator atomically: to a temporary file beside {@code file}, then renamed over it.
     *
     * @param file the archive to write
     */
    public synchronized void save(Path file) {
        Properties p = new Properties();
        p.setProperty("input.shape", ModelArchive.dims(inputShape));
        p.setProperty("output.shape", ModelArchive.dims(outputShape));
        ARCHIVE.write(file, p, graph);
    }

    /**
     * Reads a translator written by {@link #save(Path)}.
     *
     * @param file the archive
     * @return the translator
     * @throws IllegalArgumentException if the file is not a gan4j translator archive of a supported version
     */
    public static TranslatorModel load(Path file) {
        ModelArchive.Contents c = ARCHIVE.read(file);
        return new TranslatorModel(c.graph(), ARCHIVE.shape(file, c.metadata(), "input.shape"),
                ARCHIVE.shape(file, c.metadata(), "output.shape"));
    }

    @Override
    public String toString() {
        return "TranslatorModel(" + inputShape + " -> " + outputShape + ")";
    }
}
