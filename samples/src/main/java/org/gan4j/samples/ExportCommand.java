package org.gan4j.samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.dl4j.GeneratorModel;
import org.gan4j.dl4j.OnnxForm;
import org.gan4j.dl4j.TranslatorModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Exports a saved generator or translator as an ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports a generator (generator.zip) or a CycleGAN translator (--kind translator) as an ONNX model",
                "(opset 13): inputs z [n, latent] (and label [n, classes] one-hot) -> sample [n, c, h, w], or",
                "input [n, c, h, w] -> translated (docs/export-and-serve.md)."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "the model archive")
    Path model;

    @Option(names = "--kind", description = "generator or translator (default ${DEFAULT-VALUE})")
    String kind = "generator";

    @Option(names = "--out", required = true, description = "the .onnx file to write")
    Path out;

    @Option(names = "--form", description = {"a generator's interface (default ${DEFAULT-VALUE}): samples (float, one-hot",
            "classes) or uint8-rgb (uint8 RGB images from class indices, as torch-fidelity samples)"})
    String form = "samples";

    @Override
    public Integer call() {
        OptionChecks.of(spec).oneOf("--kind", kind, "generator", "translator").oneOf("--form", form, "samples", "uint8-rgb");
        if (kind.equals("translator") && !form.equals("samples")) {
            throw OptionChecks.of(spec).fail("--form applies to generators only but was " + form + " for a translator");
        }
        if (!Files.isRegularFile(model)) {
            throw OptionChecks.of(spec).fail("--model must be a model archive but " + model + " is not a file");
        }
        if (kind.equals("generator")) {
            GeneratorModel generator = GeneratorModel.load(model);
            generator.exportOnnx(out, form.equals("samples") ? OnnxForm.SAMPLES : OnnxForm.UINT8_RGB);
            System.out.println("exported " + generator + " to " + out);
        } else {
            TranslatorModel translator = TranslatorModel.load(model);
            translator.exportOnnx(out);
            System.out.println("exported " + translator + " to " + out);
        }
        return 0;
    }
}
