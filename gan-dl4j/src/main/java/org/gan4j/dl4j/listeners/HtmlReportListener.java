package org.gan4j.dl4j.listeners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.html.HtmlEscapers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gan4j.LossHistory;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.dl4j.io.AtomicFiles;

/**
 * Writes a single-file training report, {@code report.html} (loss curves, the curves of the steps' named terms when
 * the model reports any, one curve per recorded metric and the latest {@link TrainingView#preview(int, int, long)
 * preview} grid, all as embedded PNG pictures drawn with XChart), and a JSON record of
 * the run, {@code run.json} (configuration with seed, versions, the metric protocol, step counts, final losses and
 * the last value of every metric), every N steps and when training ends. Both files are written atomically.
 *
 * @since 0.1.0
 */
public final class HtmlReportListener implements TrainingListener {
    private static final int GRID = 64;
    private static final long GRID_SEED = 1234;
    private final Path directory;
    private final int every;
    private final String metricProtocol;
    private final long startNanos = System.nanoTime();

    /**
     * @param directory      where report.html and run.json go
     * @param every          rewrite them every this many steps, &gt;= 1
     * @param metricProtocol how the recorded metrics were computed (extractor, sample counts), for the record
     */
    public HtmlReportListener(Path directory, int every, String metricProtocol) {
        this.directory = Objects.requireNonNull(directory, "directory == null");
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 but was " + every);
        }
        this.every = every;
        this.metricProtocol = Objects.requireNonNull(metricProtocol, "metricProtocol == null");
    }

    @Override
    public void onStepEnd(TrainingView view, StepResult result) {
        if (result.step() % every == 0) {
            write(view);
        }
    }

    @Override
    public void onFitEnd(TrainingView view) {
        write(view);
    }

    private void write(TrainingView view) {
        LossHistory history = view.history();
        Map<String, List<MetricPoint>> metrics = new LinkedHashMap<>();
        for (MetricPoint p : history.metrics()) {
            metrics.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Object> record = record(view, history, metrics);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>gan4j training report</title>")
                .append("<style>body{font-family:sans-serif;max-width:860px;margin:auto}td{padding:2px 10px}</style>")
                .append("</head><body>\n<h1>Training report</h1>\n<table>");
        row(html, "step", view.step() + " of " + view.totalSteps());
        row(html, "epoch", String.valueOf(view.epoch()));
        row(html, "configuration", view.configuration());
        row(html, "metric protocol", metricProtocol);
        row(html, "versions", String.valueOf(record.get("versions")));
        if (!history.steps().isEmpty()) {
            StepResult last = history.steps().get(history.size() - 1);
            row(html, "final losses", last.hasDiscriminator()
                    ? String.format("D %.6f, G %.6f", last.discriminatorLoss(), last.generatorLoss())
                    : String.format("%.6f", last.generatorLoss()));
        }
        html.append("</table>\n<h2>Losses</h2>\n");
        image(html, "losses", ReportCharts.losses(history.steps()));
        if (!history.steps().isEmpty() && !history.steps().get(0).terms().isEmpty()) {
            image(html, "loss terms", ReportCharts.terms(history.steps()));
        }
        if (!metrics.isEmpty()) {
            html.append("<h2>Metrics</h2>\n");
            metrics.forEach((name, points) -> image(html, name, ReportCharts.metric(name, points)));
        }
        byte[] grid = sampleGrid(view);
        if (grid != null) {
            html.append("<h2>Samples at step ").append(view.step()).append("</h2>\n");
            image(html, "samples", grid);
        }
        html.append("</body></html>\n");
        AtomicFiles.write(directory.resolve("report.html"), html.toString().getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFiles.write(directory.resolve("run.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run record as JSON", e);
        }
    }

    private Map<String, Object> record(TrainingView view, LossHistory history, Map<String, List<MetricPoint>> metrics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("configuration", view.configuration());
        r.put("versions", org.gan4j.dl4j.BuildInfo.versions());
        r.put("metric_protocol", metricProtocol);
        r.put("step", view.step());
        r.put("total_steps", view.totalSteps());
        r.put("epoch", view.epoch());
        r.put("seconds", (System.nanoTime() - startNanos) / 1e9);
        if (!history.steps().isEmpty()) {
            StepResult last = history.steps().get(history.size() - 1);
            if (last.hasDiscriminator()) {
                r.put("final_discriminator_loss", last.discriminatorLoss());
                r.put("final_generator_loss", last.generatorLoss());
            } else {
                r.put("final_loss", last.generatorLoss());
            }
            if (!last.terms().isEmpty()) {
                r.put("final_terms", last.terms());
            }
        }
        Map<String, Object> finals = new LinkedHashMap<>();
        metrics.forEach((name, points) -> finals.put(name, points.get(points.size() - 1).value()));
        r.put("final_metrics", finals);
        return r;
    }

    private static byte[] sampleGrid(TrainingView view) {
        return view.preview(GRID, 8, GRID_SEED).map(p -> ReportCharts.png(ImageGrid.render(p.images(), p.columns())))
                .orElse(null);
    }

    private static void row(StringBuilder html, String name, String value) {
        html.append("<tr><td><b>").append(name).append("</b></td><td>")
                .append(HtmlEscapers.htmlEscaper().escape(value)).append("</td></tr>\n");
    }

    private static void image(StringBuilder html, String alt, byte[] png) {
        html.append("<p><img alt=\"").append(HtmlEscapers.htmlEscaper().escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"></p>\n");
    }
}
