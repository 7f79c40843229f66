package org.gan4j.data;

import java.nio.file.Path;
import org.gan4j.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A folder of PNG and JPEG images as training data, read recursively (hidden files and folders passed over, other
 * files ignored and counted), optionally labelled by their first-level sub-folder (classes in name order, their
 * names kept in {@link #classNames()}).
 *
 * <p>Each image becomes a sample [channels, height, width] in [-1, 1] by one rule: decode (JDK ImageIO), flatten
 * transparency onto the background (white unless set), convert the channels (gray = 0.299 R + 0.587 G + 0.114 B, or
 * gray repeated on R, G and B), crop the centred region with the target's aspect ratio and resize it with the box
 * filter (the mean of the source pixels whose centres fall in each output pixel; Pillow's {@code Image.BOX}, checked
 * against it), then store it as 8-bit values. {@link Builder#build()} decodes the folder once, on background threads,
 * into a cache file (named by a hash of the rule and of the listing's paths, sizes and modification times, reused
 * while the folder is unchanged) that passes read through a memory map: the heap holds no image data beyond a batch,
 * so folders larger than the heap train. A file that cannot be decoded (not an image, truncated, damaged) is skipped
 * and listed in {@link #skipped()}, or refused with its name under {@link Builder#strict()}. Each pass is shuffled
 * with its own seed.
 *
 * @since 0.1.0
 */
public final class ImageFolder implements GanDataSource {
    private final Path root;
    private final Shape sampleShape;
    private final List<String> classNames;
    private final int ignored;
    private final ImageCache cache;

    private ImageFolder(Path root, Shape sampleShape, List<String> classNames, int ignored, ImageCache cache) {
        this.root = root;
        this.sampleShape = sampleShape;
        this.classNames = classNames;
        this.ignored = ignored;
        this.cache = cache;
    }

    /**
     * @param root the folder of images
     * @return a builder; size and channels are required
     */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    @Override
    public Shape sampleShape() {
        return sampleShape;
    }

    @Override
    public OptionalLong size() {
        return OptionalLong.of(cache.count());
    }

    /** @return the number of images read */
    public int count() {
        return cache.count();
    }

    @Override
    public int classes() {
        return classNames.size();
    }

    /** @return the class folders' names, in class order; empty without labels */
    public List<String> classNames() {
        return classNames;
    }

    /** @return "path: reason" of each image file skipped as unreadable */
    public List<String> skipped() {
        return cache.skipped();
    }

    /** @return files passed over because their names do not end in .png, .jpg or .jpeg */
    public int ignored() {
        return ignored;
    }

    /** @return the cache file the samples are read from */
    public Path cacheFile() {
        return cache.file();
    }

    @Override
    public SampleCursor open(long seed) {
        int[] order = InMemoryDataSource.permutation(cache.count(), seed);
        return new SampleCursor() {
            private int position;
            private int last = -1;

            @Override
            public boolean next(float[] destination, int offset) {
                if (position == order.length) {
                    return false;
                }
                last = order[position++];
                cache.read(last, destination, offset);
                return true;
            }

            @Override
            public int label() {
                if (classNames.isEmpty()) {
                    throw new UnsupportedOperationException("this image folder is read without labels");
                }
                if (last < 0) {
                    throw new IllegalStateException("label() before next()");
                }
                return cache.label(last);
            }
        };
    }

    @Override
    public String toString() {
        return "ImageFolder(" + root + ", " + cache.count() + " images " + sampleShape
                + (classNames.isEmpty() ? "" : ", " + classNames.size() + " classes") + ")";
    }

    /** Describes the folder and the rule; {@link #build()} reads it. */
    public static final class Builder {
        private final Path root;
        private int height;
        private int width;
        private int channels;
        private boolean labelled;
        private boolean strict;
        private int[] background = {255, 255, 255};
        private Path cacheDirectory = Path.of(System.getProperty("java.io.tmpdir"), "gan4j-image-cache");
        private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root == null");
        }

        /**
         * @param size the side of the square samples, in [1, 4096] pixels
         * @return this
         */
        public Builder size(int size) {
            return size(size, size);
        }

        /**
         * @param height the samples' height, in [1, 4096] pixels
         * @param width  the samples' width, in [1, 4096] pixels
         * @return this
         */
        public Builder size(int height, int width) {
            this.height = checkSide("height", height);
            this.width = checkSide("width", width);
            return this;
        }

        /**
         * @param channels 1 (gray) or 3 (RGB)
         * @return this
         */
        public Builder channels(int channels) {
            if (channels != 1 && channels != 3) {
                throw new IllegalArgumentException("channels must be 1 (gray) or 3 (RGB) but was " + channels);
            }
            this.channels = channels;
            return this;
        }

        /** @return this, labelling each image by its first-level sub-folder (at least 2 classes) */
        public Builder labelsFromSubfolders() {
            this.labelled = true;
            return this;
        }

        /** @return this, refusing the folder at the first unreadable image file instead of skipping it */
        public Builder strict() {
            this.strict = true;
            return this;
        }

        /**
         * Sets the colour transparency is flattened onto (default white).
         *
         * @param red   in [0, 255]
         * @param green in [0, 255]
         * @param blue  in [0, 255]
         * @return this
         */
        public Builder background(int red, int green, int blue) {
            int[] rgb = {red, green, blue};
            for (int v : rgb) {
                if (v < 0 || v > 255) {
                    throw new IllegalArgumentException("background components must be in [0, 255] but were "
                            + red + ", " + green + ", " + blue);
                }
            }
            this.background = rgb;
            return this;
        }

        /**
         * @param directory where the decoded cache is kept (default: java.io.tmpdir/gan4j-image-cache)
         * @return this
         */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "directory == null");
            return this;
        }

        /**
         * @param threads decoding threads (default: the available processors)
         * @return this
         */
        public Builder decodeThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("decodeThreads must be >= 1 but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Lists the folder and decodes it into the cache (or reuses the cache of an unchanged folder).
         *
         * @return the data source
         * @throws IllegalStateException    if size or channels is missing
         * @throws IllegalArgumentException for a folder without images, with images outside class folders or a single
         *                                  class when labelled, without any readable image, or with an unreadable
         *                                  one under {@link #strict()}
         */
        public ImageFolder build() {
            List<String> missing = new ArrayList<>();
            if (height == 0) {
                missing.add("size");
            }
            if (channels == 0) {
                missing.add("channels");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("image folder " + root + " is missing " + String.join(", ", missing));
            }
            FolderListing listing = FolderListing.of(root, labelled);
            ImageDecoding decoding = new ImageDecoding(channels, height, width,
                    new double[] {background[0], background[1], background[2]});
            Shape shape = Shape.of(channels, height, width);
            ImageCache cache = ImageCache.open(listing, decoding, decoding.key() + " labelled=" + labelled, shape,
                    cacheDirectory, threads, strict);
            return new ImageFolder(root, shape, listing.classNames(), listing.ignored(), cache);
        }

        private static int checkSide(String name, int value) {
            if (value < 1 || value > 4096) {
                throw new IllegalArgumentException(name + " must be in [1, 4096] pixels but was " + value);
            }
            return value;
        }
    }
}
