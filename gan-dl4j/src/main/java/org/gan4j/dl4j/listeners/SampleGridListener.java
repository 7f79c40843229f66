package org.gan4j.dl4j.listeners;

import java.nio.file.Path;
import java.util.Objects;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;

/**
 * Writes a PNG grid of the run's {@link TrainingView#preview(int, int, long) preview} every N steps
 * ({@code samples-step-000100.png}) and at the end of training ({@code samples-final.png}): a GAN's samples from one
 * fixed latent batch, a CycleGAN's translation grid (rows of x, G(x), F(G(x)), y, F(y), G(F(y)) for fixed images),
 * from the same inputs every time so that grids from different steps compare. Writes nothing for models whose
 * outputs are not images ([channels 1 or 3, height, width]).
 *
 * @since 0.1.0
 */
public final class SampleGridListener implements TrainingListener {
    private final Path directory;
    private final int every;
    private final int count;
    private final int columns;
    private final long seed;

    /**
     * @param directory where the PNG files go
     * @param every     write a grid every this many steps (&gt;= 1)
     * @param count     images per grid (&gt;= 1; a CycleGAN shows ⌈count / 6⌉ rows)
     * @param columns   images per row (&gt;= 1; a CycleGAN's grid has 6)
     * @param seed      seed of the fixed inputs (latent batch, or images of each domain)
     */
    public SampleGridListener(Path directory, int every, int count, int columns, long seed) {
        this.directory = Objects.requireNonNull(directory, "directory == null");
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 but was " + every);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1 but was " + count);
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1 but was " + columns);
        }
        this.every = every;
        this.count = count;
        this.columns = columns;
        this.seed = seed;
    }

    @Override
    public void onStepEnd(TrainingView view, StepResult result) {
        if (result.step() % every == 0) {
            write(view, String.format("samples-step-%06d.png", result.step()));
        }
    }

    @Override
    public void onFitEnd(TrainingView view) {
        write(view, "samples-final.png");
    }

    private void write(TrainingView view, String fileName) {
        view.preview(count, columns, seed).ifPresent(p -> ImageGrid.writePng(p.images(), p.columns(), directory.resolve(fileName)));
    }
}
