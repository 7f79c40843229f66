package org.gan4j.dl4j.listeners;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG pictures of a training report, drawn with XChart: each series as its smoothed curve
 * ({@link Smoothing#exponential}) over the raw values drawn faint, steps on a numeric axis from 0 to the last step.
 */
final class ReportCharts {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 340;
    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127)};
    private static final int FAINT_ALPHA = 60;

    private ReportCharts() {
    }

    /** @return both losses against the step (the one loss of a family without a discriminator), as PNG bytes */
    static byte[] losses(List<StepResult> steps) {
        Map<String, double[]> series = new LinkedHashMap<>();
        if (steps.stream().anyMatch(StepResult::hasDiscriminator)) {
            series.put("discriminator", steps.stream().mapToDouble(StepResult::discriminatorLoss).toArray());
            series.put("generator", steps.stream().mapToDouble(StepResult::generatorLoss).toArray());
        } else {
            series.put("loss", steps.stream().mapToDouble(StepResult::generatorLoss).toArray());
        }
        return smoothed("Losses", "loss", stepsOf(steps), series);
    }

    /** @return every named term of the steps against the step (one curve each), as PNG bytes */
    static byte[] terms(List<StepResult> steps) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String term : steps.get(0).terms().keySet()) {
            series.put(term, steps.stream().mapToDouble(r -> r.term(term)).toArray());
        }
        return smoothed("Loss terms", "value", stepsOf(steps), series);
    }

    /** @return one metric against the step, points joined by lines, as PNG bytes */
    static byte[] metric(String name, List<MetricPoint> points, long lastStep) {
        XYChart chart = chart(name, name, lastStep);
        double[] x = points.stream().mapToDouble(MetricPoint::step).toArray();
        double[] y = points.stream().mapToDouble(MetricPoint::value).toArray();
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineColor(PALETTE[0]);
        s.setMarkerColor(PALETTE[0]);
        chart.getStyler().setLegendVisible(false);
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

    private static byte[] smoothed(String title, String yTitle, double[] x, Map<String, double[]> series) {
        long last = x.length == 0 ? 1 : (long) x[x.length - 1];
        XYChart chart = chart(title, yTitle, last);
        if (x.length == 0) {
            return png(chart);
        }
        int window = Smoothing.window(x.length);
        List<String> names = new ArrayList<>(series.keySet());
        for (int i = 0; i < names.size(); i++) {
            Color colour = PALETTE[i % PALETTE.length];
            double[] raw = series.get(names.get(i));
            if (window > 1) {
                XYSeries faint = chart.addSeries(names.get(i) + " (raw)", x, raw);
                faint.setMarker(SeriesMarkers.NONE);
                faint.setLineColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), FAINT_ALPHA));
                faint.setLineWidth(1f);
                faint.setShowInLegend(false);
            }
            XYSeries line = chart.addSeries(window > 1 ? names.get(i) + " (smoothed, ~" + window + " steps)" : names.get(i),
                    x, Smoothing.exponential(raw, window));
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(colour);
            line.setLineWidth(2f);
        }
        return png(chart);
    }

    private static XYChart chart(String title, String yTitle, long lastStep) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(axisEnd(lastStep)).setXAxisDecimalPattern("#,##0")
                .setYAxisDecimalPattern("0.###").setChartBackgroundColor(Color.WHITE)
                .setLegendBorderColor(Color.LIGHT_GRAY);
        return chart;
    }

    /**
     * The axis ends one rounding unit (a tenth of the last step's order of magnitude, at least 1) past the last step.
     * Ending exactly on it would make the axis values equally spaced, and XChart then puts ticks only on data positions
     * (1, 29, 57, ...) instead of round numbers.
     */
    static double axisEnd(long lastStep) {
        long last = Math.max(1, lastStep);
        long unit = Math.max(1, (long) Math.pow(10, Math.floor(Math.log10(last)) - 1));
        return (double) (last / unit * unit + unit);
    }

    private static double[] stepsOf(List<StepResult> steps) {
        return steps.stream().mapToDouble(StepResult::step).toArray();
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart " + chart.getTitle(), e);
        }
    }
}
