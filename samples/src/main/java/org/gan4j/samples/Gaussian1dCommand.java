package org.gan4j.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.gan4j.Discriminator;
import org.gan4j.Generator;
import org.gan4j.LatentSpace;
import org.gan4j.Shape;
import org.gan4j.data.InMemoryDataSource;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.io.AtomicFiles;
import org.gan4j.optim.OptimizerSpec;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The 1-D toy of Goodfellow et al.: an MLP GAN learns a Gaussian; histograms of data and samples. */
@Command(name = "toy1d", mixinStandardHelpOptions = true,
        description = {"Trains an MLP GAN (non-saturating loss) on 1-D data N(--mean, --std^2) and writes to --out:",
                "histogram.png (data and generated densities), summary.json (mean and std of 10,000 samples), losses.csv."})
final class Gaussian1dCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Gaussian1dCommand.class);
    private static final int BINS = 60;

    @Option(names = "--mean", description = "data mean (default ${DEFAULT-VALUE})")
    double mean = 4.0;

    @Option(names = "--std", description = "data standard deviation, > 0 (default ${DEFAULT-VALUE})")
    double std = 1.25;

    @Option(names = "--steps", description = "training steps (default ${DEFAULT-VALUE})")
    long steps = 3000;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 3;

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "toy1d");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.of(spec).finite("--mean", mean).positive("--std", std).atLeast("--steps", steps, 1);
        float[] data = new float[10_000];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (mean + std * random.nextGaussian());
        }
        TrainedGan gan = GanTrainer.builder()
                .generator(Generator.builder().latent(LatentSpace.gaussian(4))
                        .dense(32).leakyRelu(0.2).dense(32).leakyRelu(0.2).dense(1).build())
                .discriminator(Discriminator.builder().input(1)
                        .dense(32).leakyRelu(0.2).dense(32).leakyRelu(0.2).dense(1).build())
                .generatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999))
                .discriminatorOptimizer(OptimizerSpec.adam(1e-3, 0.5, 0.999))
                .data(InMemoryDataSource.of(data, Shape.of(1)))
                .batchSize(64).steps(steps).seed(seed)
                .build().fit();
        double[] samples = gan.sample(10_000).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double m = java.util.Arrays.stream(samples).average().orElse(Double.NaN);
        double s = Math.sqrt(java.util.Arrays.stream(samples).map(v -> (v - m) * (v - m)).sum() / (samples.length - 1));
        drawHistograms(data, samples, out.resolve("histogram.png"));
        OutputFiles.writeLosses(out.resolve("losses.csv"), gan.history());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("data_mean", mean);
        summary.put("data_std", std);
        summary.put("steps", steps);
        summary.put("sample_mean", m);
        summary.put("sample_std", s);
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        LOG.info("data N({}, {}²); 10,000 generated samples: mean {}, std {}", mean, std, String.format("%.3f", m),
                String.format("%.3f", s));
        return 0;
    }

    private void drawHistograms(float[] data, double[] samples, Path file) {
        double lo = mean - 4 * std;
        double width = 8 * std / BINS;
        double[] centres = new double[BINS];
        double[] real = new double[BINS];
        double[] fake = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            centres[b] = lo + (b + 0.5) * width;
        }
        for (float v : data) {
            add(real, (v - lo) / width, 1.0 / (data.length * width));
        }
        for (double v : samples) {
            add(fake, (v - lo) / width, 1.0 / (samples.length * width));
        }
        XYChart chart = new XYChartBuilder().width(640).height(400).title("1-D GAN").xAxisTitle("x").yAxisTitle("density").build();
        chart.addSeries("data", centres, real).setMarker(SeriesMarkers.NONE);
        chart.addSeries("generated", centres, fake).setMarker(SeriesMarkers.NONE);
        try {
            AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + file, e);
        }
    }

    private static void add(double[] histogram, double position, double weight) {
        int bin = (int) Math.floor(position);
        if (bin >= 0 && bin < histogram.length) {
            histogram[bin] += weight;
        }
    }
}
