package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.gan4j.Shape;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.CycleGanTrainer;
import org.gan4j.dl4j.TranslatorModel;
import org.gan4j.zoo.CycleGan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Image folders read on the executors, and a translator applied to a set, on a local Spark. */
class SparkFilesTest {
    @TempDir
    static Path dir;
    static JavaSparkContext sc;

    @BeforeAll
    static void start() throws Exception {
        sc = SparkFixture.localSpark();
        Path images = Files.createDirectories(dir.resolve("images/b"));
        Files.createDirectories(dir.resolve("images/.hidden"));
        for (int i = 0; i < 30; i++) {
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 64; p++) {
                image.getRaster().setSample(p % 8, p / 8, 0, (i * 7 + p * 3) % 256);
            }
            Path folder = i % 2 == 0 ? dir.resolve("images") : images;
            ImageIO.write(image, "png", folder.resolve(String.format("img-%02d.png", i)).toFile());
        }
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png",
                dir.resolve("images/.hidden/skipped.png").toFile());
        Files.writeString(dir.resolve("images/notes.txt"), "not an image");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    @Test
    void should_read_a_folder_in_path_order_with_the_image_folder_rule() throws Exception {
        List<ImageChunk> chunks = new ArrayList<>(ImageFiles.read(sc, dir.resolve("images"), Shape.of(1, 8, 8), 8, 3).collect());
        chunks.sort(Comparator.comparingLong(ImageChunk::firstIndex));
        assertThat(chunks).extracting(ImageChunk::firstIndex).containsExactly(0L, 8L, 16L, 24L);
        assertThat(chunks.stream().mapToInt(ImageChunk::count).sum()).as("30 images; hidden and other files passed over")
                .isEqualTo(30);
        List<Path> sorted;
        try (Stream<Path> walk = Files.walk(dir.resolve("images"))) {
            sorted = walk.filter(p -> p.toString().endsWith(".png") && !p.toString().contains(".hidden"))
                    .sorted(Comparator.comparing(p -> dir.resolve("images").relativize(p).toString())).toList();
        }
        assertThat(dir.resolve("images").relativize(sorted.get(0)).toString()).isEqualTo("b/img-01.png");
        for (int index = 0; index < 30; index++) {
            ImageChunk chunk = chunks.get(index / 8);
            BufferedImage png = ImageIO.read(sorted.get(index).toFile());
            for (int p = 0; p < 64; p++) {
                float expected = (float) (png.getRaster().getSample(p % 8, p / 8, 0) / 255.0) * 2 - 1;
                assertThat(chunk.pixels()[(index % 8) * 64 + p]).as("image %d pixel %d", index, p).isEqualTo(expected);
            }
        }
    }

    @Test
    void should_name_the_partition_record_and_file_that_does_not_decode() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        for (int i = 0; i < 6; i++) {
            Files.copy(dir.resolve("images/img-00.png"), broken.resolve("ok-" + i + ".png"));
        }
        Files.write(broken.resolve("ok-4.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        assertThatThrownBy(() -> ImageFiles.read(sc, broken, Shape.of(1, 8, 8), 2, 3).collect())
                .isInstanceOf(SparkException.class)
                .hasMessageContaining("IllegalArgumentException: partition 2, record 0 (images 4..5), image 4: file "
                        + broken.toAbsolutePath().resolve("ok-4.png") + " cannot be read as an image: ");
        assertThatThrownBy(() -> ImageFiles.read(sc, dir.resolve("nothing"), Shape.of(1, 8, 8), 2, 3))
                .hasMessage("directory " + dir.resolve("nothing") + " is not a directory");
    }

    @Test
    void should_translate_a_set_identically_at_any_partition_count() throws Exception {
        Shape image = Shape.of(1, 8, 8);
        INDArray x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(1), 20, 1, 8, 8).castTo(DataType.FLOAT)
                .muli(0.5).subi(0.8);
        INDArray y = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(2), 20, 1, 8, 8).castTo(DataType.FLOAT)
                .muli(0.5).addi(0.2);
        TranslatorModel xToY = CycleGanTrainer.builder().xToY(CycleGan.generator(image, 1, 2, 1))
                .yToX(CycleGan.generator(image, 1, 2, 1)).discriminatorX(CycleGan.patchDiscriminator(image, 4))
                .discriminatorY(CycleGan.patchDiscriminator(image, 4)).dataX(InMemoryDataSource.of(x))
                .dataY(InMemoryDataSource.of(y)).batchSize(4).steps(3).seed(3).build().fit().xToY();
        Path archive = dir.resolve("x-to-y.zip");
        xToY.save(archive);
        byte[] bytes = Files.readAllBytes(archive);
        SparkGeneration.Summary one = SparkGeneration.translate(bytes, ImageChunk.distribute(sc, x, 5, 1), dir.resolve("t1"));
        SparkGeneration.Summary three = SparkGeneration.translate(bytes, ImageChunk.distribute(sc, x, 5, 3), dir.resolve("t3"));
        assertThat(one.samples()).isEqualTo(20);
        assertThat(three.perPartition()).containsExactly(5, 5, 10);
        INDArray expected = xToY.translate(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(5, 10)));
        for (int i = 0; i < 20; i++) {
            String name = String.format("translation-%09d.png", i);
            assertThat(Files.readAllBytes(dir.resolve("t3").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(dir.resolve("t1").resolve(name)));
        }
        BufferedImage seven = ImageIO.read(dir.resolve("t1").resolve("translation-000000007.png").toFile());
        for (int p = 0; p < 64; p++) {
            long want = Math.round((expected.getDouble(2, 0, p / 8, p % 8) + 1) / 2 * 255);
            assertThat((long) seven.getRaster().getSample(p % 8, p / 8, 0)).isEqualTo(want);
        }
        assertThatThrownBy(() -> SparkGeneration.translate(new byte[] {1, 2, 3}, ImageChunk.distribute(sc, x, 5, 1),
                dir.resolve("t0"))).hasMessageStartingWith("the translator archive (3 bytes) cannot be loaded: ");
    }
}
