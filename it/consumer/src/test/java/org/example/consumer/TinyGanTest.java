package org.example.consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.dl4j.TrainedGan;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class TinyGanTest {

    @Test
    void trains_samples_and_reloads_through_the_published_artifacts() throws Exception {
        TrainedGan gan = TinyGan.train(800);
        assertEquals(800, gan.history().size());
        INDArray samples = gan.sample(1000);
        assertArrayEquals(new long[] {1000, 1}, samples.shape());
        double mean = samples.meanNumber().doubleValue();
        assertTrue(Math.abs(mean - 4.0) < 0.75, "the generator moved toward the data mean 4, got " + mean);
        Path file = Files.createTempDirectory("consumer").resolve("g.zip");
        gan.save(file);
        assertArrayEquals(new long[] {5, 1}, GeneratorModel.load(file).sample(5).shape());
    }
}
