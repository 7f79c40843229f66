package org.gan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017; MIT licence): 28×28 grayscale images of 10 clothing classes.
 * The full set is read from a directory of the original IDX files (Debian's {@code dataset-fashion-mnist} installs
 * them under {@value #DEBIAN_DIRECTORY}); subsets of the first 4,000 training images and the first 2,000 test images
 * ship inside gan4j so that examples and metrics run anywhere.
 *
 * @since 0.1.0
 */
public final class FashionMnist {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEBIAN_DIRECTORY = "/usr/share/datasets/fashion-mnist";
    /** The number of images in the bundled training subset. */
    public static final int BUNDLED_COUNT = 4000;
    /** The number of images in the bundled test subset. */
    public static final int BUNDLED_TEST_COUNT = 2000;

    private static final String RESOURCE = "/org/gan4j/data/fashion-mnist-subset-";
    private static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    private static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    private static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private FashionMnist() {
    }

    /** @return the 4,000-image subset bundled with gan4j */
    public static IdxImages bundledImages() {
        return readResource(RESOURCE + "images-idx3-ubyte.gz", in -> IdxImages.read(in, "bundled Fashion-MNIST images"));
    }

    /** @return the labels (0..9) of the bundled subset */
    public static int[] bundledLabels() {
        return readResource(RESOURCE + "labels-idx1-ubyte.gz", in -> IdxImages.readLabels(in, "bundled Fashion-MNIST labels"));
    }

    /** @return the first 2,000 images of the test set, bundled with gan4j */
    public static IdxImages bundledTestImages() {
        return readResource("/org/gan4j/data/fashion-mnist-test-subset-images-idx3-ubyte.gz",
                in -> IdxImages.read(in, "bundled Fashion-MNIST test images"));
    }

    /** @return the labels of the bundled test subset */
    public static int[] bundledTestLabels() {
        return readResource("/org/gan4j/data/fashion-mnist-test-subset-labels-idx1-ubyte.gz",
                in -> IdxImages.readLabels(in, "bundled Fashion-MNIST test labels"));
    }

    /**
     * @param directory a directory holding the original IDX files
     * @return the 10,000 test images
     */
    public static IdxImages testImages(Path directory) {
        return IdxImages.read(directory.resolve(TEST_IMAGES));
    }

    /**
     * @param directory a directory holding the original IDX files
     * @return the 10,000 test labels
     */
    public static int[] testLabels(Path directory) {
        return IdxImages.readLabels(directory.resolve(TEST_LABELS));
    }

    /**
     * @param directory a directory holding {@value #TRAIN_IMAGES}
     * @return true if the full training set is there
     */
    public static boolean isPresent(Path directory) {
        return Files.isRegularFile(directory.resolve(TRAIN_IMAGES));
    }

    /**
     * @param directory a directory holding the original IDX files
     * @return the 60,000 training images
     */
    public static IdxImages trainingImages(Path directory) {
        return IdxImages.read(directory.resolve(TRAIN_IMAGES));
    }

    /**
     * @param directory a directory holding the original IDX files
     * @return the 60,000 training labels
     */
    public static int[] trainingLabels(Path directory) {
        return IdxImages.readLabels(directory.resolve(TRAIN_LABELS));
    }

    /** @return the full training images from {@value #DEBIAN_DIRECTORY} when installed, else the bundled subset */
    public static IdxImages trainingImagesOrBundled() {
        Path debian = Path.of(DEBIAN_DIRECTORY);
        return isPresent(debian) ? trainingImages(debian) : bundledImages();
    }

    private interface StreamReader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T readResource(String name, StreamReader<T> reader) {
        try (InputStream in = FashionMnist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the gan-api jar");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
