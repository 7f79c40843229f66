package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.gan4j.data.FashionMnist;
import org.gan4j.zoo.Dcgan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saved models are plain SameDiff files: trained with compiled execution (whose training graphs hold gan4j's fused
 * batch-norm, rectifier and single-channel convolution ops), the saved generator and translator hold stock ops only,
 * and SameDiff loads and runs them to the same outputs as gan4j.
 */
class PlainSameDiffModelTest {

    @Test
    void should_save_a_dcgan_generator_as_stock_samediff_ops(@TempDir Path dir) throws IOException {
        TrainedGan gan = GanTrainer.builder().generator(Dcgan.generator()).discriminator(Dcgan.discriminator())
                .data(FashionMnist.bundledImages().toDataSource()).batchSize(16).steps(2).seed(5)
                .execution(Execution.COMPILED).build().fit();
        Path file = dir.resolve("generator.zip");
        gan.save(file);

        SameDiff plain = plainLoad(file, GeneratorModel.GRAPH_ENTRY);
        assertThat(gan4jOps(plain)).isEmpty();
        INDArray z = Nd4j.randn(Nd4j.getRandomFactory().getNewRandomInstance(3), new long[] {4, Dcgan.LATENT_SIZE})
                .castTo(DataType.FLOAT);
        INDArray out = plain.output(Map.of(GeneratorModel.LATENT, z), GeneratorModel.SAMPLE).get(GeneratorModel.SAMPLE);
        assertThat(out).isEqualTo(gan.sample(z));
    }

    @Test
    void should_save_a_cyclegan_translator_as_stock_samediff_ops(@TempDir Path dir) throws IOException {
        TrainedCycleGan gan = CycleGanTrainerTest.trainer().steps(2).execution(Execution.COMPILED).build().fit();
        Path file = dir.resolve("xToY.zip");
        gan.xToY().save(file);

        SameDiff plain = plainLoad(file, TranslatorModel.GRAPH_ENTRY);
        assertThat(gan4jOps(plain)).isEmpty();
        INDArray x = CycleGanTrainerTest.array(3, 9, -0.8);
        INDArray out = plain.output(Map.of(TranslatorModel.INPUT, x), TranslatorModel.OUTPUT).get(TranslatorModel.OUTPUT);
        assertThat(out).isEqualTo(gan.translateXToY(x));
    }

    private static List<String> gan4jOps(SameDiff graph) {
        return graph.getOps().values().stream().map(SameDiffOp::getOp).map(op -> op.opName())
                .filter(name -> name.startsWith("gan4j")).toList();
    }

    /** Reads the graph entry of a model archive with SameDiff's own loader, nothing of gan4j's. */
    private static SameDiff plainLoad(Path archive, String entry) throws IOException {
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(entry)) {
                    return SameDiff.load(new ByteArrayInputStream(zip.readAllBytes()), false);
                }
            }
        }
        throw new IllegalStateException(archive + " has no entry " + entry);
    }
}
