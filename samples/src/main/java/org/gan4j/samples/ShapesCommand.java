package org.gan4j.samples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gan4j.data.ColouredShapes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes the coloured-shapes demonstration data set as a PNG folder. */
@Command(name = "shapes", mixinStandardHelpOptions = true,
        description = {"Writes the coloured-shapes data set (circle, square, triangle x 8 colours on black, 32x32 RGB PNGs,",
                "one sub-folder per mode) to --out, for `train --data DIR --size 32 --channels 3`, which then",
                "measures mode coverage with the data set's exact classifier (docs/your-own-images.md)."})
final class ShapesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "the folder to write (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "shapes-data");

    @Option(names = "--count", description = "images, modes in turn (default ${DEFAULT-VALUE})")
    int count = 4_800;

    @Option(names = "--seed", description = "seed of positions and sizes (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Override
    public Integer call() {
        OptionChecks.of(spec).within("--count", count, ColouredShapes.MODES, 10_000_000);
        ColouredShapes.writeFolder(out, count, seed);
        System.out.println("wrote " + count + " images of " + ColouredShapes.MODES + " modes to " + out);
        return 0;
    }
}
