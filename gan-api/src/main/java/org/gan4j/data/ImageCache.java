package org.gan4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gan4j.Shape;

/**
 * The decoded, resized images of a folder in one file, built once and memory-mapped, so that a pass over the data
 * holds no more than a batch in the heap whatever the folder's size. Layout (little-endian): a 32-byte header
 * (magic "GAN4JIMG", version, count, channels, height, width, labelled), count·channels·height·width bytes
 * (round(255·v), sample after sample), then count int32 labels. The file's name is a SHA-256 of the rule and the
 * listing (relative paths, sizes, modification times), so a changed folder gets a new file; it is written to a
 * temporary file and renamed, and checked field by field and against its length before it is mapped.
 */
final class ImageCache {
    static final int HEADER = 32;
    private static final byte[] MAGIC = "GAN4JIMG".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** Bytes of decoded images held at once while building (bounds the heap whatever the folder's size). */
    private static final int CHUNK_BYTES = 8 << 20;

    private final Path file;
    private final int count;
    private final int sampleBytes;
    private final int[] labels;
    private final List<MappedByteBuffer> segments;
    private final int perSegment;
    private final List<String> skipped;

    private ImageCache(Path file, int count, int sampleBytes, int[] labels, List<String> skipped) throws IOException {
        this.file = file;
        this.count = count;
        this.sampleBytes = sampleBytes;
        this.labels = labels;
        this.skipped = skipped;
        this.perSegment = Math.max(1, (1 << 30) / sampleBytes);
        this.segments = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long first = 0; first < count; first += perSegment) {
                long n = Math.min(perSegment, count - first);
                segments.add(channel.map(FileChannel.MapMode.READ_ONLY, HEADER + first * sampleBytes, n * sampleBytes));
            }
        }
    }

    /**
     * Opens the cache of a listing, building it first if it does not exist.
     *
     * @param listing  the folder's images
     * @param decoding the rule that turns a file into a sample
     * @param key      the rule's description, part of the cache's name
     * @param shape    the sample shape [channels, height, width]
     * @param dir      the cache directory
     * @param threads  decoding threads
     * @param strict   refuse the folder at the first unreadable file instead of skipping it
     * @return the cache
     */
    static ImageCache open(FolderListing listing, ImageDecoding decoding, String key, Shape shape, Path dir, int threads,
                           boolean strict) {
        int sampleBytes = Math.toIntExact(shape.size());
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name(listing, key) + ".gan4j-images");
            Path skippedFile = dir.resolve(file.getFileName() + ".skipped");
            if (!Files.exists(file)) {
                build(listing, decoding, sampleBytes, file, skippedFile, threads, strict);
            }
            int[] labels = readChecked(file, shape, listing.labels() != null);
            List<String> skipped = Files.exists(skippedFile) ? Files.readAllLines(skippedFile) : List.of();
            return new ImageCache(file, labels.length, sampleBytes, labels, skipped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build or read the image cache in " + dir + ": " + e.getMessage(), e);
        }
    }

    int count() {
        return count;
    }

    int label(int index) {
        return labels[index];
    }

    Path file() {
        return file;
    }

    /** @return "path: reason" of each file skipped as unreadable */
    List<String> skipped() {
        return skipped;
    }

    /** Copies sample {@code index} into {@code destination} as values in [-1, 1] (absolute reads: no buffer state). */
    void read(int index, float[] destination, int offset) {
        ByteBuffer segment = segments.get(index / perSegment);
        int position = (index % perSegment) * sampleBytes;
        for (int i = 0; i < sampleBytes; i++) {
            destination[offset + i] = (segment.get(position + i) & 0xff) / 127.5f - 1f;
        }
    }

    private static void build(FolderListing listing, ImageDecoding decoding, int sampleBytes, Path file, Path skippedFile,
                              int threads, boolean strict) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        List<String> skipped = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gan4j-image-decoder");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            out.position(HEADER);
            List<Path> files = listing.files();
            int chunk = Math.max(2 * threads, Math.min(256, CHUNK_BYTES / sampleBytes));
            for (int start = 0; start < files.size(); start += chunk) {
                List<Future<byte[]>> decoded = new ArrayList<>();
                for (int i = start; i < Math.min(start + chunk, files.size()); i++) {
                    Path f = files.get(i);
                    decoded.add(pool.submit(() -> quantized(decoding.decode(f))));
                }
                ByteBuffer bytes = ByteBuffer.allocate(decoded.size() * sampleBytes);
                for (int k = 0; k < decoded.size(); k++) {
                    int i = start + k;
                    byte[] sample = outcome(decoded.get(k), files.get(i), strict, skipped);
                    if (sample != null) {
                        bytes.put(sample);
                        labels.add(listing.labels() == null ? 0 : listing.labels()[i]);
                    }
                }
                bytes.flip();
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("image folder " + listing.root() + " holds no readable image: "
                        + skipped.size() + " unreadable, the first " + skipped.get(0));
            }
            ByteBuffer tail = ByteBuffer.allocate(labels.size() * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            labels.forEach(tail::putInt);
            tail.flip();
            while (tail.hasRemaining()) {
                out.write(tail);
            }
            ByteBuffer header = header(labels.size(), sampleBytes, decoding, listing.labels() != null);
            out.write(header, 0);
            out.force(true);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        } finally {
            pool.shutdownNow();
        }
        Files.write(skippedFile, skipped, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return round(255·v) of each value in [0, 1] */
    private static byte[] quantized(float[] sample) {
        byte[] bytes = new byte[sample.length];
        for (int i = 0; i < sample.length; i++) {
            bytes[i] = (byte) Math.round(Math.max(0f, Math.min(1f, sample[i])) * 255f);
        }
        return bytes;
    }

    private static byte[] outcome(Future<byte[]> future, Path file, boolean strict, List<String> skipped) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding " + file, e);
        } catch (java.util.concurrent.ExecutionException e) {
            String reason = e.getCause() instanceof ImageDecoding.Unreadable ? e.getCause().getMessage()
                    : String.valueOf(e.getCause());
            if (strict) {
                throw new IllegalArgumentException("image " + file + " cannot be read: " + reason);
            }
            skipped.add(file + ": " + reason);
            return null;
        }
    }

    private static ByteBuffer header(int count, int sampleBytes, ImageDecoding decoding, boolean labelled) {
        ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putInt(VERSION).putInt(count).putInt(decoding.channels()).putInt(decoding.height())
                .putInt(decoding.width()).putInt(labelled ? 1 : 0);
        header.flip();
        return header;
    }

    /** @return the labels, after checking the header against the expected shape and the file's length */
    private static int[] readChecked(Path file, Shape shape, boolean labelled) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && in.read(header) >= 0) {
                continue;
            }
            header.flip();
            byte[] magic = new byte[MAGIC.length];
            if (header.remaining() < HEADER) {
                throw corrupt(file, "shorter than its header");
            }
            header.get(magic);
            int[] fields = {header.getInt(), header.getInt(), header.getInt(), header.getInt(), header.getInt(), header.getInt()};
            if (!java.util.Arrays.equals(magic, MAGIC) || fields[0] != VERSION) {
                throw corrupt(file, "not a version " + VERSION + " gan4j image cache");
            }
            int count = fields[1];
            if (count < 1 || fields[2] != shape.dim(0) || fields[3] != shape.dim(1) || fields[4] != shape.dim(2)
                    || fields[5] != (labelled ? 1 : 0)) {
                throw corrupt(file, "its header (count " + count + ", shape " + fields[2] + "x" + fields[3] + "x" + fields[4]
                        + ") does not describe samples " + shape);
            }
            long expected = HEADER + (long) count * shape.size() + (long) count * Integer.BYTES;
            if (in.size() != expected) {
                throw corrupt(file, "its length " + in.size() + " is not the " + expected + " bytes its header implies");
            }
            ByteBuffer tail = ByteBuffer.allocate(count * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            in.position(HEADER + (long) count * shape.size());
            while (tail.hasRemaining() && in.read(tail) >= 0) {
                continue;
            }
            tail.flip();
            int[] labels = new int[count];
            tail.asIntBuffer().get(labels);
            return labels;
        }
    }

    private static IllegalStateException corrupt(Path file, String why) {
        return new IllegalStateException("image cache " + file + " is damaged (" + why + "): delete it to rebuild it");
    }

    private static String name(FolderListing listing, String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((key + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path f : listing.files()) {
                String entry = listing.root().relativize(f) + "\t" + Files.size(f) + "\t" + Files.getLastModifiedTime(f).toMillis()
                        + "\n";
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
