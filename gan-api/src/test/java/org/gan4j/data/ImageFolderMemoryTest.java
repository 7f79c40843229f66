package org.gan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder larger than the heap: 2,500 RGB images of 64×64 (30.7 MB decoded as bytes, 123 MB as floats) read into
 * the cache and through one full pass by a JVM of its own with a 24 MB heap.
 */
class ImageFolderMemoryTest {
    static final int IMAGES = 2_500;
    static final int HEAP_MB = 24;

    @TempDir
    Path root;
    @TempDir
    Path cache;

    @Test
    void a_pass_should_hold_memory_flat_on_a_folder_larger_than_the_heap() throws Exception {
        Random random = new Random(3);
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < IMAGES; i++) {
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            ImageIO.write(image, "png", root.resolve(String.format("img-%05d.png", i)).toFile());
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ImageFolderPass.class.getName(), root.toString(), cache.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the pass finishes").isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as("exit code; output: %s", output).isZero();
        assertThat(output).contains("count=" + IMAGES + " ");
        try (var files = Files.list(cache)) {
            List<Path> caches = files.filter(p -> p.toString().endsWith(".gan4j-images")).toList();
            assertThat(caches).hasSize(1);
            assertThat(Files.size(caches.get(0))).as("decoded data larger than the heap").isGreaterThan(HEAP_MB << 20);
        }
    }

    /** Builds the folder's cache and reads one full pass; prints the count and the mean value. */
    public static final class ImageFolderPass {
        public static void main(String[] args) throws IOException {
            ImageFolder folder = ImageFolder.builder(Path.of(args[0])).size(64).channels(3).decodeThreads(2)
                    .cacheDirectory(Path.of(args[1])).build();
            float[] sample = new float[3 * 64 * 64];
            SampleCursor cursor = folder.open(7);
            long count = 0;
            double sum = 0;
            while (cursor.next(sample, 0)) {
                count++;
                for (float v : sample) {
                    sum += v;
                }
            }
            System.out.println("count=" + count + " mean=" + sum / (count * sample.length));
        }
    }
}
