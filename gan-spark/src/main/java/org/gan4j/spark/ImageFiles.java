package org.gan4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.gan4j.Shape;
import org.gan4j.data.ImageFileDecoder;

/**
 * A folder of image files (PNG, JPEG, GIF, BMP; recursive; names starting with '.' passed over) as a Spark dataset of
 * {@link ImageChunk}s: the driver lists the files, sorted by relative path, which fixes each file's global index; the
 * executors decode them by {@code ImageFolder}'s rule ({@link ImageFileDecoder}: channel conversion, centred crop, box
 * resize to the shape, pixels in [−1, 1]). The folder must be reachable under the same path on every executor (a
 * shared file system). A file that does not decode fails the job naming the partition, the record and the file.
 *
 * @since 0.1.0
 */
public final class ImageFiles {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".gif", ".bmp");

    private ImageFiles() {
    }

    /**
     * @param sc         the Spark context
     * @param directory  the folder
     * @param shape      each sample's shape, [1 or 3, height, width]
     * @param chunk      images per record, &gt;= 1
     * @param partitions Spark partitions, &gt;= 1
     * @return the images as chunks in path order
     */
    public static JavaRDD<ImageChunk> read(JavaSparkContext sc, Path directory, Shape shape, int chunk, int partitions) {
        Objects.requireNonNull(directory, "directory == null");
        ImageFileDecoder decoder = ImageFileDecoder.of(shape);
        if (chunk < 1 || partitions < 1) {
            throw new IllegalArgumentException("chunk and partitions must be >= 1 but were " + chunk + " and " + partitions);
        }
        List<String> files = list(directory);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("directory " + directory + " holds no image files (" + EXTENSIONS + ")");
        }
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < files.size(); from += chunk) {
            batches.add(new Batch(from, files.subList(from, Math.min(files.size(), from + chunk)).toArray(new String[0])));
        }
        long[] dims = shape.dims();
        return sc.parallelize(batches, Math.min(partitions, batches.size())).mapPartitionsWithIndex((partition, it) -> {
            List<ImageChunk> chunks = new ArrayList<>();
            int record = 0;
            while (it.hasNext()) {
                chunks.add(decode(decoder, dims, it.next(), partition, record++));
            }
            return chunks.iterator();
        }, true);
    }

    private static ImageChunk decode(ImageFileDecoder decoder, long[] shape, Batch batch, int partition, int record) {
        int size = (int) (shape[0] * shape[1] * shape[2]);
        float[] pixels = new float[batch.paths.length * size];
        for (int i = 0; i < batch.paths.length; i++) {
            try {
                System.arraycopy(decoder.decode(Path.of(batch.paths[i])), 0, pixels, i * size, size);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("partition " + partition + ", record " + record + " (images "
                        + batch.first + ".." + (batch.first + batch.paths.length - 1) + "), image " + (batch.first + i)
                        + ": " + e.getMessage(), e);
            }
        }
        return new ImageChunk(batch.first, shape, pixels);
    }

    private static List<String> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory " + directory + " is not a directory");
        }
        Path root = directory.toAbsolutePath();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(root.relativize(p)))
                    .filter(p -> EXTENSIONS.stream().anyMatch(
                            e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .map(relative -> root.resolve(relative).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Files first..first + n − 1 of the listing. */
    private record Batch(long first, String[] paths) implements Serializable {
    }
}
