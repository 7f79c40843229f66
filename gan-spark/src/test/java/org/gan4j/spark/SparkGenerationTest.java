package org.gan4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gan4j.LatentSpace;
import org.gan4j.dl4j.GeneratorModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Distributed generation on a local Spark: PNG files and Parquet rows, identical at any partition count. */
class SparkGenerationTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static JavaSparkContext sc;
    static byte[] conditional;

    @BeforeAll
    static void start() throws Exception {
        sc = SparkFixture.localSpark();
        spark = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
        conditional = SparkFixture.generatorArchive(10, dir);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void png_files_should_be_byte_identical_at_any_partition_count_and_show_the_plans_samples() throws Exception {
        SparkGeneration.Summary one = SparkGeneration.toPng(sc, conditional, new GenerationPlan(230, 9, 50, 1), dir.resolve("p1"));
        SparkGeneration.Summary four = SparkGeneration.toPng(sc, conditional, new GenerationPlan(230, 9, 50, 4), dir.resolve("p4"));
        assertThat(one.samples()).isEqualTo(230);
        assertThat(one.perPartition()).containsExactly(230);
        assertThat(four.perPartition()).containsExactly(50, 50, 50, 80);
        List<String> names = list(dir.resolve("p1"));
        assertThat(names).hasSize(230).first().isEqualTo("sample-000000000.png");
        assertThat(list(dir.resolve("p4"))).isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readAllBytes(dir.resolve("p4").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(dir.resolve("p1").resolve(name)));
        }

        GeneratorModel model = GeneratorModel.load(dir.resolve("generator-10.zip"));
        GenerationPlan plan = new GenerationPlan(230, 9, 50, 1);
        long index = 123;
        INDArray z = Nd4j.create(plan.latent(LatentSpace.gaussian(16), index), new long[] {1, 16}, DataType.FLOAT);
        INDArray expected = model.sample(z, new int[] {(int) (index % 10)});
        BufferedImage png = ImageIO.read(dir.resolve("p1").resolve("sample-000000123.png").toFile());
        assertThat(png.getWidth()).isEqualTo(28);
        int maxDifference = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                int value = png.getRaster().getSample(c, r, 0);
                int want = (int) Math.round((expected.getDouble(0, 0, r, c) + 1) / 2 * 255);
                maxDifference = Math.max(maxDifference, Math.abs(value - want));
            }
        }
        assertThat(maxDifference).as("PNG against a sample drawn alone (one-image batch: float rounding only)")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void parquet_rows_should_hold_index_seed_label_and_the_same_pngs() throws Exception {
        SparkGeneration.toPng(sc, conditional, new GenerationPlan(120, 3, 40, 2), dir.resolve("ref"));
        for (int partitions : new int[] {2, 3}) {
            String path = dir.resolve("rows-" + partitions).toString();
            SparkGeneration.Summary s = SparkGeneration.toParquet(spark, conditional, new GenerationPlan(120, 3, 40, partitions), path);
            assertThat(s.samples()).isEqualTo(120);
            List<Row> rows = spark.read().parquet(path).orderBy("index").collectAsList();
            assertThat(rows).hasSize(120);
            for (Row row : rows) {
                long index = row.getLong(0);
                assertThat(row.getLong(1)).isEqualTo(3);
                assertThat(row.getInt(2)).isEqualTo((int) (index % 10));
                assertThat((byte[]) row.get(3)).as("row %d", index)
                        .isEqualTo(Files.readAllBytes(dir.resolve("ref").resolve(String.format("sample-%09d.png", index))));
                assertThat(ImageIO.read(new ByteArrayInputStream((byte[]) row.get(3)))).isNotNull();
            }
        }
    }

    @Test
    void plans_should_draw_each_sample_from_its_own_stream_and_refuse_bad_sizes() {
        GenerationPlan plan = new GenerationPlan(1000, 5, 100, 3);
        assertThat(plan.latent(LatentSpace.gaussian(8), 17)).containsExactly(
                new GenerationPlan(18, 5, 7, 1).latent(LatentSpace.gaussian(8), 17));
        assertThat(plan.latent(LatentSpace.gaussian(8), 17)).isNotEqualTo(plan.latent(LatentSpace.gaussian(8), 18));
        for (float v : plan.latent(LatentSpace.uniform(1000), 3)) {
            assertThat(v).isBetween(-1f, 1f);
        }
        assertThat(new GenerationPlan(230, 1, 100, 2).chunks()).extracting(c -> c[0] + "-" + c[1])
                .containsExactly("0-100", "100-200", "200-230");
        assertThat(GenerationPlan.label(10, 1234)).isEqualTo(4);
        assertThatThrownBy(() -> new GenerationPlan(0, 1, 10, 1)).hasMessage("samples must be >= 1 but was 0");
        assertThatThrownBy(() -> new GenerationPlan(10, 1, 0, 1)).hasMessage("chunk must be >= 1 but was 0");
        assertThatThrownBy(() -> new GenerationPlan(10, 1, 10, 0)).hasMessage("partitions must be >= 1 but was 0");
    }

    /** gan4j's Jackson line is the one Spark 3.5's Scala module accepts, so a Spark application needs no pin. */
    @Test
    void jackson_should_be_on_the_line_sparks_scala_module_accepts() {
        ObjectMapper mapper = new ObjectMapper().registerModule(com.fasterxml.jackson.module.scala.DefaultScalaModule$.MODULE$);
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMinorVersion()).isEqualTo(15);
        assertThat(mapper.getRegisteredModuleIds()).isNotEmpty();
    }

    private static List<String> list(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
