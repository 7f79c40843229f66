package org.gan4j.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import onnx.Onnx;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.Translator;
import org.gan4j.dl4j.internal.graph.ParameterStore;
import org.gan4j.layer.InstanceNorm;
import org.gan4j.loss.ReconstructionLikelihood;
import org.gan4j.losses.vae.BernoulliLikelihood;
import org.gan4j.losses.vae.GaussianLikelihood;
import org.gan4j.zoo.CycleGan;
import org.gan4j.zoo.Dcgan;
import org.gan4j.zoo.Vae;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.onnxruntime.runner.OnnxRuntimeRunner;

/**
 * Exported ONNX models run in onnxruntime and agree with gan4j's own inference graph on the same inputs, for every
 * layer kind, the zoo DCGAN, a conditional DCGAN (also in the uint8 RGB form), a CycleGAN translator and the zoo VAE's
 * decoder; custom and spec-less networks are refused. Every array of the store (weights, batch
 * norm's running statistics, affine parts, spectral norm's u and v) is randomized first, so that a wrong layout or a
 * missed statistic cannot hide behind an initial value.
 */
class OnnxExportTest {
    /** Largest |gan4j − onnxruntime| allowed, as the issue asks; float32 reorderings stay near 1e-6. */
    static final double TOLERANCE = 1e-5;

    /** The exported files stay here for {@code src/test/python/check_onnx.py} (the ONNX checker, Python only). */
    static final Path EXPORTS = Path.of("target", "onnx-exports");

    @TempDir
    Path dir;

    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of("dense, bias and none, batch norm on vectors, dropout, every activation",
                        Generator.builder().latent(LatentSpace.gaussian(6)).dense(16).batchNorm().leakyRelu(0.2)
                                .dense(12).withoutBias().dropout(0.3).relu().dense(10).sigmoid().dense(8).identity()
                                .dense(5).tanh().build()),
                Arguments.of("conv with and without bias after reshape, flatten",
                        Generator.builder().latent(LatentSpace.uniform(32)).reshape(2, 4, 4).conv2d(3, 3, 1, 1).relu()
                                .conv2d(4, 2, 2, 0).withoutBias().tanh().flatten().dense(6).build()),
                Arguments.of("transposed conv with batch norm on images",
                        Generator.builder().latent(LatentSpace.gaussian(5)).dense(3 * 3 * 3).reshape(3, 3, 3)
                                .deconv2d(4, 4, 2, 1).withoutBias().batchNorm().relu().deconv2d(2, 3, 2, 0).tanh().build()),
                Arguments.of("instance norm plain and affine, residual block",
                        Generator.builder().latent(LatentSpace.gaussian(4)).dense(2 * 5 * 5).reshape(2, 5, 5)
                                .conv2d(3, 3, 1, 1).instanceNorm().relu().residualBlock(3)
                                .layer(new InstanceNorm(1e-3, true)).conv2d(1, 3, 1, 1).tanh().build()),
                Arguments.of("spectral norm on dense, conv and transposed conv",
                        Generator.builder().latent(LatentSpace.gaussian(4)).dense(18).spectralNorm().reshape(2, 3, 3)
                                .deconv2d(3, 4, 2, 1).spectralNorm().leakyRelu(0.1).conv2d(2, 3, 1, 1).spectralNorm()
                                .tanh().build()),
                Arguments.of("the zoo DCGAN", Dcgan.generator()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void exported_generator_should_match_gan4j(String name, Generator spec) {
        GeneratorModel model = randomized(spec, 11);
        Path file = exportFile(name);
        model.exportOnnx(file);
        for (int n : new int[] {5, 1}) {
            INDArray z = Nd4j.randn(DataType.FLOAT, n, spec.latent().size());
            INDArray expected = model.sample(z);
            INDArray actual = run(file, Map.of(GeneratorModel.LATENT, z)).get(GeneratorModel.SAMPLE);
            assertClose(actual, expected, name + ", n=" + n);
        }
    }

    @Test
    void exported_conditional_dcgan_should_match_gan4j_for_every_class() {
        Generator spec = Generator.builder().latent(LatentSpace.gaussian(Dcgan.LATENT_SIZE)).conditional(10)
                .dense(128 * 7 * 7).withoutBias().reshape(128, 7, 7).batchNorm().relu()
                .deconv2d(64, 4, 2, 1).withoutBias().batchNorm().relu()
                .deconv2d(1, 4, 2, 1).tanh().build();
        GeneratorModel model = randomized(spec, 12);
        Path file = exportFile("conditional DCGAN");
        model.exportOnnx(file);
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 0};
        INDArray z = Nd4j.randn(DataType.FLOAT, labels.length, Dcgan.LATENT_SIZE);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, labels.length, 10);
        for (int i = 0; i < labels.length; i++) {
            oneHot.putScalar(i, labels[i], 1f);
        }
        INDArray actual = run(file, Map.of(GeneratorModel.LATENT, z, GeneratorModel.LABEL, oneHot)).get(GeneratorModel.SAMPLE);
        assertClose(actual, model.sample(z, labels), "conditional DCGAN");
    }

    @Test
    void uint8_rgb_form_should_give_the_bytes_of_gan4j_samples_from_class_indices() {
        Generator spec = Generator.builder().latent(LatentSpace.gaussian(8)).conditional(4).dense(2 * 5 * 5)
                .reshape(2, 5, 5).relu().deconv2d(1, 4, 2, 1).tanh().build();
        GeneratorModel model = randomized(spec, 16);
        Path file = exportFile("uint8 RGB conditional");
        model.exportOnnx(file, OnnxForm.UINT8_RGB);
        int[] labels = {3, 0, 1, 2, 3, 1};
        INDArray z = Nd4j.randn(DataType.FLOAT, labels.length, 8);
        INDArray indices = Nd4j.createFromArray(java.util.Arrays.stream(labels).asLongStream().toArray());
        INDArray bytes = run(file, Map.of(GeneratorModel.LATENT, z, GeneratorModel.LABEL, indices)).get(GeneratorModel.SAMPLE);

        assertThat(bytes.dataType()).isEqualTo(DataType.UINT8);
        assertThat(bytes.shape()).containsExactly(labels.length, 3, 10, 10);
        double[] expected = model.sample(z, labels).castTo(DataType.DOUBLE).dup().data().asDouble();
        long mismatches = 0;
        for (int c = 0; c < 3; c++) {
            double[] channel = bytes.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(c)).castTo(DataType.DOUBLE).dup().data().asDouble();
            for (int i = 0; i < expected.length; i++) {
                double reference = Math.max(0, Math.min(255, Math.rint((expected[i] + 1) * 127.5)));
                assertThat(Math.abs(channel[i] - reference)).as("byte %d of channel %d", i, c).isLessThanOrEqualTo(1);
                mismatches += channel[i] == reference ? 0 : 1;
            }
        }
        assertThat(mismatches).as("bytes off by one (float32 rounding at a half)").isLessThan(expected.length * 3 / 100);
    }

    @Test
    void uint8_rgb_form_should_refuse_samples_that_are_not_images() {
        GeneratorModel model = randomized(Generator.builder().latent(LatentSpace.gaussian(3)).dense(4).build(), 17);
        assertThatThrownBy(() -> model.exportOnnx(dir.resolve("vector.onnx"), OnnxForm.UINT8_RGB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("form UINT8_RGB needs images [1 or 3, height, width] but the generator's samples are [4]");
    }

    @Test
    void exported_cyclegan_translator_should_match_gan4j() {
        Translator spec = CycleGan.generator(Shape.of(3, 16, 16), 3, 8, 2);
        ParameterStore store = new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(13));
        TranslatorModel.of(spec, store);
        randomize(store, 13);
        TranslatorModel model = TranslatorModel.of(spec, store);
        Path file = exportFile("CycleGAN translator");
        model.exportOnnx(file);
        INDArray images = Nd4j.rand(DataType.FLOAT, 3, 3, 16, 16).muli(2).subi(1);
        INDArray actual = run(file, Map.of(TranslatorModel.INPUT, images)).get(TranslatorModel.OUTPUT);
        assertClose(actual, model.translate(images), "CycleGAN translator");
    }

    @Test
    void exported_vae_decoder_should_match_gan4j_for_both_likelihoods() {
        for (ReconstructionLikelihood likelihood : List.of(new BernoulliLikelihood(), GaussianLikelihood.fixed(0.3))) {
            org.gan4j.dl4j.internal.graph.VaeGraphs.Networks networks = new org.gan4j.dl4j.internal.graph.VaeGraphs.Networks(
                    Vae.encoder(4), Vae.decoder(4), likelihood,
                    new ParameterStore("encoder", Nd4j.getRandomFactory().getNewRandomInstance(18)),
                    new ParameterStore("decoder", Nd4j.getRandomFactory().getNewRandomInstance(19)));
            VaeModel.of(networks, 0);
            randomize(networks.decoderStore(), 18);
            VaeModel model = VaeModel.of(networks, 0);
            Path file = exportFile("VAE decoder " + likelihood);
            model.exportOnnx(file);
            INDArray z = Nd4j.randn(DataType.FLOAT, 3, 4);
            assertClose(run(file, Map.of("z", z)).get("sample"), model.decode(z), "VAE decoder, " + likelihood);
        }
    }

    @Test
    void exported_file_should_declare_its_interface() throws Exception {
        Generator spec = Generator.builder().latent(LatentSpace.uniform(7)).conditional(3).dense(8).reshape(2, 2, 2)
                .tanh().build();
        Path file = dir.resolve("interface.onnx");
        randomized(spec, 14).exportOnnx(file);
        Onnx.ModelProto proto = Onnx.ModelProto.parseFrom(Files.readAllBytes(file));

        assertThat(proto.getIrVersion()).isEqualTo(7);
        assertThat(proto.getOpsetImportList()).singleElement()
                .satisfies(o -> assertThat(o.getDomain() + ":" + o.getVersion()).isEqualTo(":13"));
        assertThat(proto.getProducerName()).isEqualTo("gan4j");
        assertThat(proto.getGraph().getInputList().stream().map(OnnxExportTest::signature))
                .containsExactly("z[n,7]", "label[n,3]");
        assertThat(proto.getGraph().getOutputList().stream().map(OnnxExportTest::signature))
                .containsExactly("sample[n,2,2,2]");
        Map<String, String> metadata = proto.getMetadataPropsList().stream()
                .collect(Collectors.toMap(Onnx.StringStringEntryProto::getKey, Onnx.StringStringEntryProto::getValue));
        assertThat(metadata).containsEntry("gan4j.latent.distribution", "UNIFORM").containsEntry("gan4j.latent.size", "7")
                .containsEntry("gan4j.classes", "3").containsEntry("gan4j.sample.shape", "2,2,2");
    }

    @Test
    void saved_and_loaded_generator_should_export_the_same_function() {
        GeneratorModel model = randomized(Dcgan.generator(), 15);
        Path archive = dir.resolve("generator.zip");
        model.save(archive);
        Path file = dir.resolve("loaded.onnx");
        GeneratorModel.load(archive).exportOnnx(file);
        INDArray z = Nd4j.randn(DataType.FLOAT, 3, Dcgan.LATENT_SIZE);
        assertClose(run(file, Map.of(GeneratorModel.LATENT, z)).get(GeneratorModel.SAMPLE), model.sample(z), "loaded DCGAN");
    }

    @Test
    void custom_graph_network_should_be_refused_by_name() {
        Generator spec = Generator.builder().latent(LatentSpace.gaussian(3))
                .custom(Shape.of(2), (g, x) -> g.graph().math.tanh(x.get(org.nd4j.autodiff.samediff.SDIndex.all(),
                        org.nd4j.autodiff.samediff.SDIndex.interval(0, 2)))).build();
        GeneratorModel model = GeneratorModel.of(spec, new ParameterStore("G",
                Nd4j.getRandomFactory().getNewRandomInstance(1)), 0);
        Path file = dir.resolve("custom.onnx");

        assertThatThrownBy(() -> model.exportOnnx(file)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("the generator is a custom graph network (output [2]), which has no ONNX export: only networks"
                        + " built from gan4j's layers can be exported");
        assertThat(file).doesNotExist();

        Path archive = dir.resolve("custom.zip");
        model.save(archive);
        assertThatThrownBy(() -> GeneratorModel.load(archive).exportOnnx(file)).isInstanceOf(IllegalStateException.class)
                .hasMessage("this generator was loaded from a SameDiff graph without its layer spec (archive format 1 or a"
                        + " custom network), which has no ONNX export");
        assertThat(file).doesNotExist();
    }

    static Path exportFile(String name) {
        try {
            Files.createDirectories(EXPORTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return EXPORTS.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".onnx");
    }

    static GeneratorModel randomized(Generator spec, long seed) {
        ParameterStore store = new ParameterStore("G", Nd4j.getRandomFactory().getNewRandomInstance(seed));
        GeneratorModel.of(spec, store, seed);
        randomize(store, seed);
        return GeneratorModel.of(spec, store, seed);
    }

    /** Gives every array values unlike its initial ones; variances and spectral norm's vectors stay positive. */
    static void randomize(ParameterStore store, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Map<String, INDArray> all = new HashMap<>(store.parameters());
        all.putAll(store.state());
        for (Map.Entry<String, INDArray> e : all.entrySet()) {
            INDArray a = e.getValue();
            INDArray values = Nd4j.rand(a.dataType(), a.shape());
            if (e.getKey().endsWith("running_var") || e.getKey().endsWith("gamma")) {
                a.assign(values.addi(0.5));
            } else if (e.getKey().contains("/sn_")) {
                a.assign(values.addi(0.1).divi(values.norm2Number()));
            } else {
                a.assign(values.subi(0.5).muli(0.4));
            }
        }
    }

    static Map<String, INDArray> run(Path file, Map<String, INDArray> inputs) {
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.builder().modelUri(file.toString()).build()) {
            return runner.exec(inputs);
        }
    }

    static void assertClose(INDArray actual, INDArray expected, String what) {
        assertThat(actual.shape()).as("shape of %s", what).containsExactly(expected.shape());
        double error = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertThat(error).as("max |onnxruntime - gan4j| of %s", what).isLessThan(TOLERANCE);
        assertThat(expected.stdNumber().doubleValue()).as("spread of %s (a constant output proves little)", what)
                .isGreaterThan(1e-3);
    }

    private static String signature(Onnx.ValueInfoProto value) {
        List<String> dims = value.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.getValueCase() == Onnx.TensorShapeProto.Dimension.ValueCase.DIM_PARAM ? d.getDimParam() : Long.toString(d.getDimValue())).toList();
        return value.getName() + "[" + String.join(",", dims) + "]";
    }
}
