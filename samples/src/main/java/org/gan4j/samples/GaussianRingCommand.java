package org.gan4j.samples;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gan4j.data.GaussianRing;
import org.gan4j.dl4j.GanTrainer;
import org.gan4j.dl4j.TrainedGan;
import org.gan4j.dl4j.io.AtomicFiles;
import org.gan4j.loss.GanLoss;
import org.gan4j.losses.HingeLoss;
import org.gan4j.losses.LeastSquaresLoss;
import org.gan4j.losses.NonSaturatingLoss;
import org.gan4j.losses.WassersteinLoss;
import org.gan4j.metrics.ModeCoverage;
import org.gan4j.optim.OptimizerSpec;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The 8-Gaussian ring: trains an MLP GAN with a chosen loss, reports mode coverage and draws a scatter plot. */
@Command(name = "ring", mixinStandardHelpOptions = true,
        description = {"Trains an MLP GAN on the ring of 8 Gaussians (radius 2, sigma 0.02) and writes to --out:",
                "ring.png (real and generated samples), coverage.json (modes covered, fraction within 3 sigma), losses.csv."})
final class GaussianRingCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GaussianRingCommand.class);

    /** The losses this program offers. */
    enum LossChoice { NS, WGAN_GP, WGAN, LSGAN, HINGE }

    @Option(names = "--loss", description = "NS, WGAN_GP, WGAN, LSGAN or HINGE (default ${DEFAULT-VALUE})")
    LossChoice loss = LossChoice.WGAN_GP;

    @Option(names = "--steps", description = "generator steps (default ${DEFAULT-VALUE})")
    long steps = 2000;

    @Option(names = "--lr", description = "Adam learning rate of both networks, decayed linearly to 0 over the run"
            + " (default ${DEFAULT-VALUE}; WGAN keeps its RMSProp recipe)")
    double learningRate = 2e-3;

    @Option(names = "--lambda", description = "gradient-penalty weight for WGAN_GP (default ${DEFAULT-VALUE}, the WGAN-GP"
            + " paper's toy setting)")
    double lambda = 0.1;

    @Option(names = "--seed", description = "seed (default ${DEFAULT-VALUE})")
    long seed = 5;

    @Option(names = "--out", description = "output folder (default ${DEFAULT-VALUE})")
    Path out = Path.of("output", "ring");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionChecks.of(spec).atLeast("--steps", steps, 1).positive("--lr", learningRate).nonNegative("--lambda", lambda);
        GaussianRing ring = GaussianRing.standard();
        GanTrainer.Builder builder = RingGan.builder(ring, lossFor(loss, lambda), steps, seed);
        if (loss != LossChoice.WGAN) {
            OptimizerSpec adam = (loss == LossChoice.WGAN_GP ? OptimizerSpec.adam(learningRate, 0.0, 0.9)
                    : OptimizerSpec.adam(learningRate, 0.5, 0.999)).withLinearDecay(0.0);
            builder.generatorOptimizer(adam).discriminatorOptimizer(adam);
        }
        LOG.info("{} on {} for {} steps, output in {}", loss, ring, steps, out.toAbsolutePath());
        long t0 = System.nanoTime();
        TrainedGan gan = builder.build().fit();
        double seconds = (System.nanoTime() - t0) / 1e9;
        INDArray samples = gan.sample(5000);
        ModeCoverage coverage = ModeCoverage.of(samples, ring.centres(), ring.sigma(), 0.05);
        writeScatter(ring, samples, out.resolve("ring.png"), loss + ", " + steps + " steps: " + coverage.modesCovered()
                + "/8 modes, " + Math.round(100 * coverage.highQualityFraction()) + "% within 3 sigma");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("loss", loss.name());
        summary.put("steps", steps);
        summary.put("seed", seed);
        summary.put("modes_covered", coverage.modesCovered());
        summary.put("high_quality_fraction", coverage.highQualityFraction());
        summary.put("samples_per_mode", coverage.samplesPerMode());
        summary.put("seconds", seconds);
        OutputFiles.writeJson(out.resolve("coverage.json"), summary);
        OutputFiles.writeLosses(out.resolve("losses.csv"), gan.history());
        LOG.info("{} in {} s; wrote {}", coverage, String.format("%.1f", seconds), out.toAbsolutePath());
        return 0;
    }

    static GanLoss lossFor(LossChoice choice, double lambda) {
        return switch (choice) {
            case NS -> new NonSaturatingLoss();
            case WGAN_GP -> WassersteinLoss.withGradientPenalty(lambda);
            case WGAN -> new WassersteinLoss();
            case LSGAN -> new LeastSquaresLoss();
            case HINGE -> new HingeLoss();
        };
    }

    static void writeScatter(GaussianRing ring, INDArray samples, Path file, String title) {
        XYChart chart = new XYChartBuilder().width(640).height(640).title(title).xAxisTitle("x").yAxisTitle("y").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisMin(-3.0).setXAxisMax(3.0).setYAxisMin(-3.0).setYAxisMax(3.0);
        float[] real = ring.sample(2000, 99);
        double[] rx = new double[2000];
        double[] ry = new double[2000];
        for (int i = 0; i < 2000; i++) {
            rx[i] = real[2 * i];
            ry[i] = real[2 * i + 1];
        }
        double[][] generated = samples.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double[] gx = new double[generated.length];
        double[] gy = new double[generated.length];
        for (int i = 0; i < generated.length; i++) {
            gx[i] = Math.max(-3, Math.min(3, generated[i][0]));
            gy[i] = Math.max(-3, Math.min(3, generated[i][1]));
        }
        chart.addSeries("generated", gx, gy).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(30, 90, 200, 90));
        chart.addSeries("real", rx, ry).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(new Color(220, 60, 40, 160));
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file, e);
        }
    }
}
