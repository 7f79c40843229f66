package org.gan4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.data.FashionMnist;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.GeneratorModel;

/** A local Spark (2 threads, up to 4 attempts per task) and small Fashion-MNIST generators for the tests. */
final class SparkFixture {
    private SparkFixture() {
    }

    static JavaSparkContext localSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("gan4j-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4");
        return new JavaSparkContext(conf);
    }

    /**
     * @param classes 0 for an unconditional generator
     * @return the archive of an MLP generator of 28×28 images after 20 steps on the bundled subset
     */
    static byte[] generatorArchive(int classes, Path dir) throws IOException {
        Generator.Builder g = Generator.builder().latent(LatentSpace.gaussian(16));
        Discriminator.Builder d = Discriminator.builder().input(1, 28, 28);
        if (classes > 0) {
            g.conditional(classes);
            d.conditional(classes);
        }
        var images = FashionMnist.bundledImages();
        var data = images.toDataSource();
        GeneratorModel model = GanTrainer.builder()
                .generator(g.dense(64).leakyRelu(0.2).dense(784).tanh().reshape(1, 28, 28).build())
                .discriminator(d.flatten().dense(64).leakyRelu(0.2).dense(1).build())
                .data(classes > 0 ? data.withLabels(FashionMnist.bundledLabels(), classes) : data)
                .batchSize(32).steps(20).seed(4).build().fit().generator();
        Path file = dir.resolve("generator-" + classes + ".zip");
        model.save(file);
        return Files.readAllBytes(file);
    }
}
