package org.gan4j.dl4j.listeners;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG pictures of a training report, drawn with XChart. */
final class ReportCharts {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 360;

    private ReportCharts() {
    }

    /** @return both losses against the step (the one loss of a family without a discriminator), as PNG bytes */
    static byte[] losses(List<StepResult> steps) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Losses").xAxisTitle("step").yAxisTitle("loss").build();
        double[] x = new double[steps.size()];
        double[] d = new double[steps.size()];
        double[] g = new double[steps.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = steps.get(i).step();
            d[i] = steps.get(i).discriminatorLoss();
            g[i] = steps.get(i).generatorLoss();
        }
        if (steps.stream().anyMatch(StepResult::hasDiscriminator)) {
            line(chart, "discriminator", x, d);
            line(chart, "generator", x, g);
        } else {
            line(chart, "loss", x, g);
        }
        return png(chart);
    }

    /** @return every named term of the steps against the step (one line each), as PNG bytes */
    static byte[] terms(List<StepResult> steps) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Loss terms").xAxisTitle("step").yAxisTitle("value").build();
        double[] x = steps.stream().mapToDouble(StepResult::step).toArray();
        for (String term : steps.get(0).terms().keySet()) {
            line(chart, term, x, steps.stream().mapToDouble(r -> r.term(term)).toArray());
        }
        return png(chart);
    }

    /** @return one metric against the step, as PNG bytes */
    static byte[] metric(String name, List<MetricPoint> points) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(name).xAxisTitle("step").yAxisTitle(name).build();
        double[] x = points.stream().mapToDouble(MetricPoint::step).toArray();
        double[] y = points.stream().mapToDouble(MetricPoint::value).toArray();
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        return png(chart);
    }

    /** @return an image as PNG bytes */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG", e);
        }
        return out.toByteArray();
    }

    private static void line(XYChart chart, String name, double[] x, double[] y) {
        if (x.length == 0) {
            return;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart " + chart.getTitle(), e);
        }
    }
}
