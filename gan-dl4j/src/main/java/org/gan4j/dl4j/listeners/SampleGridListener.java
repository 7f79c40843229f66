package org.gan4j.dl4j.listeners;

import java.nio.file.Path;
import java.util.Objects;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.dl4j.internal.LatentSampler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes a PNG grid of samples from one fixed latent batch every N steps ({@code samples-step-000100.png}) and at
 * the end of training ({@code samples-final.png}), so that grids from different steps are comparable.
 * For image generators ([channels 1 or 3, height, width]).
 */
public final class SampleGridListener implements TrainingListener {
    private final Path directory;
    private final int every;
    private final int count;
    private final int columns;
    private final long seed;
    private INDArray latent;

    /**
     * @param directory where the PNG files go
     * @param every     write a grid every this many steps (&gt;= 1)
     * @param count     images per grid (&gt;= 1)
     * @param columns   images per row (&gt;= 1)
     * @param seed      seed of the fixed latent batch
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
            ImageGrid.writePng(grid(view), columns,
                    directory.resolve(String.format("samples-step-%06d.png", result.step())));
        }
    }

    @Override
    public void onFitEnd(TrainingView view) {
        ImageGrid.writePng(grid(view), columns, directory.resolve("samples-final.png"));
    }

    /** @return the grid's samples; a conditional generator draws class i mod classes for the i-th image */
    private INDArray grid(TrainingView view) {
        return ConditionalGrid.sample(view.generator(), latent(view));
    }

    private INDArray latent(TrainingView view) {
        if (latent == null) {
            latent = Nd4j.create(DataType.FLOAT, count, view.generator().latent().size());
            new LatentSampler(view.generator().latent(), seed).fill(latent);
        }
        return latent;
    }
}
