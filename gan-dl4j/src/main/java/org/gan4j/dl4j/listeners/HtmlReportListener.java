package org.gan4j.dl4j.listeners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gan4j.LossHistory;
import org.gan4j.MetricPoint;
import org.gan4j.StepResult;
import org.gan4j.TrainingListener;
import org.gan4j.TrainingView;
import org.gan4j.dl4j.BuildInfo;
import org.gan4j.dl4j.io.AtomicFiles;

/**
 * Writes a single-file training report, {@code report.html}, and a JSON record of the run, {@code run.json}, every N
 * steps and when training ends, both atomically. The report shows the final metrics and losses in a table; the loss
 * curves (smoothed, the raw values faint behind) and the curves of the steps' named terms when the model reports any;
 * one curve per recorded metric (IS, FID, KID, precision/recall when a metrics listener runs); a strip of
 * {@link TrainingView#preview(int, int, long) preview} grids from the report's writes (at most 8, spanning the run)
 * and the newest grid; the versions and commit; the configuration as a table. Pictures are embedded PNGs drawn with
 * XChart. The record holds the configuration by name, versions, the metric protocol, step counts, final losses and
 * the last value of every metric. One listener serves one fit at a time.
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
    private final SampleProgression progression = new SampleProgression();

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
        byte[] grid = sampleGrid(view);
        if (grid != null) {
            progression.add(view.step(), grid);
        }
        AtomicFiles.write(directory.resolve("report.html"),
                page(view, history, metrics, grid, (double) record.get("seconds")).getBytes(StandardCharsets.UTF_8));
        try {
            AtomicFiles.write(directory.resolve("run.json"),
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run record as JSON", e);
        }
    }

    private String page(TrainingView view, LossHistory history, Map<String, List<MetricPoint>> metrics, byte[] grid,
                        double seconds) {
        String total = view.totalSteps() < 0 ? "" : String.format(Locale.ROOT, " of %,d", view.totalSteps());
        ReportPage page = new ReportPage("Training report", String.format(Locale.ROOT,
                "step %,d%s · epoch %d · %.1f s · gan4j %s, commit %s", view.step(), total, view.epoch(), seconds,
                BuildInfo.version(), BuildInfo.commit()));
        List<List<String>> finals = new ArrayList<>();
        metrics.forEach((name, points) -> {
            MetricPoint last = points.get(points.size() - 1);
            finals.add(List.of(name, ReportPage.number(last.value()), String.format(Locale.ROOT, "%,d", last.step())));
        });
        if (!history.steps().isEmpty()) {
            StepResult last = history.steps().get(history.size() - 1);
            String at = String.format(Locale.ROOT, "%,d", last.step());
            if (last.hasDiscriminator()) {
                finals.add(List.of("discriminator loss", ReportPage.number(last.discriminatorLoss()), at));
            }
            finals.add(List.of(last.hasDiscriminator() ? "generator loss" : "loss", ReportPage.number(last.generatorLoss()), at));
            last.terms().forEach((name, value) -> finals.add(List.of(name, ReportPage.number(value), at)));
        }
        page.heading("Final values").table("final", List.of("", "value", "at step"), finals);
        page.heading("Losses").image("losses", ReportCharts.losses(history.steps()));
        if (!history.steps().isEmpty() && !history.steps().get(0).terms().isEmpty()) {
            page.image("loss terms", ReportCharts.terms(history.steps()));
        }
        if (!metrics.isEmpty()) {
            page.heading("Metrics");
            metrics.forEach((name, points) -> page.image(name, ReportCharts.metric(name, points, view.step())));
        }
        if (grid != null) {
            page.heading("Samples over training").strip(progression.snapshots());
            page.heading(String.format(Locale.ROOT, "Samples at step %,d", view.step())).grid("samples", grid);
        }
        Map<String, String> run = new LinkedHashMap<>(BuildInfo.versions());
        run.put("metric protocol", metricProtocol);
        page.heading("Run").table("run", run);
        page.heading("Configuration").table("configuration", view.configuration());
        return page.finish();
    }

    private Map<String, Object> record(TrainingView view, LossHistory history, Map<String, List<MetricPoint>> metrics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("configuration", view.configuration());
        r.put("versions", BuildInfo.versions());
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

}
