package org.gan4j.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gan4j.dl4j.listeners.ImageGrid;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Writes the GAN-vs-VAE comparison: the grids as PNG files, summary.json, and report.html with both side by side. */
final class ComparisonReport {
    private static final List<String> MODELS = List.of("dcgan", "vae", "vae_expost");
    private static final List<String[]> ROWS = List.of(
            new String[] {"steps", "training steps in the budget"},
            new String[] {"fid", "FID (lower is better)"},
            new String[] {"kid_mean", "KID"},
            new String[] {"inception_score_mean", "Inception Score"},
            new String[] {"precision", "precision (quality)"},
            new String[] {"recall", "recall (coverage)"},
            new String[] {"classes_covered", "classes covered (of 10)"},
            new String[] {"class_share_total_variation", "class-share distance to the test set (TV)"},
            new String[] {"sharpness", "sharpness (variance of the Laplacian)"},
            new String[] {"test_negative_elbo_nats", "test −ELBO, nats per image"});

    private final java.nio.file.Path out;

    ComparisonReport(java.nio.file.Path out) {
        this.out = out;
    }

    @SuppressWarnings("unchecked")
    void write(CompareCommand.Results results) {
        Map<String, Object> summary = results.summary();
        Map<String, byte[]> pngs = new java.util.LinkedHashMap<>();
        results.grids().forEach((name, images) -> {
            byte[] png = png(images, name);
            pngs.put(name, png);
            OutputFiles.write(out.resolve(name + ".png"), png);
        });
        OutputFiles.writeJson(out.resolve("summary.json"), summary);
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>gan4j: GAN vs VAE</title>")
                .append("<style>body{font-family:sans-serif;max-width:1000px;margin:auto}td,th{padding:3px 10px;")
                .append("text-align:right}td:first-child{text-align:left}img{image-rendering:pixelated;width:300px}")
                .append(".grid{display:flex;gap:16px;flex-wrap:wrap}</style></head><body>\n")
                .append("<h1>DCGAN vs VAE on Fashion-MNIST</h1>\n<p>")
                .append(escape(String.valueOf(summary.get("data")))).append(", ")
                .append(summary.get("budget_minutes_each")).append(" minutes of training each. ")
                .append(escape(String.valueOf(summary.get("evaluation")))).append(".</p>\n<table><tr><th></th>")
                .append("<th>DCGAN</th><th>VAE (prior)</th><th>VAE (ex-post mixture)</th></tr>\n");
        for (String[] row : ROWS) {
            html.append("<tr><td>").append(escape(row[1])).append("</td>");
            for (String model : MODELS) {
                Object v = ((Map<String, Object>) summary.get(model)).get(row[0]);
                html.append("<td>").append(v == null ? "" : format(v)).append("</td>");
            }
            html.append("</tr>\n");
        }
        Map<String, Object> real = (Map<String, Object>) summary.get("real_images");
        html.append("<tr><td>sharpness of the real test images</td><td colspan=\"3\">").append(format(real.get("sharpness")))
                .append("</td></tr>\n</table>\n<h2>Samples</h2>\n<div class=\"grid\">");
        figure(html, pngs, "dcgan-samples", "DCGAN");
        figure(html, pngs, "vae-samples", "VAE, z ~ N(0, I)");
        figure(html, pngs, "vae-expost-samples", "VAE, z ~ ex-post mixture");
        html.append("</div>\n<h2>Reconstructions and interpolations</h2>\n<div class=\"grid\">");
        figure(html, pngs, "vae-reconstructions", "VAE: test images (rows 1, 3) and D(μ(x)) (rows 2, 4)");
        figure(html, pngs, "vae-interpolation", "VAE: between the posterior means of two test images");
        figure(html, pngs, "dcgan-interpolation", "DCGAN: between two latent draws");
        html.append("</div>\n<h2>Per-class shares of generated images</h2>\n<table><tr><th>class</th><th>test set</th>")
                .append("<th>DCGAN</th><th>VAE (prior)</th><th>VAE (ex-post)</th></tr>\n");
        double[] reference = (double[]) real.get("class_shares");
        for (int c = 0; c < reference.length; c++) {
            html.append("<tr><td>").append(FashionMnistClasses.NAMES[c]).append("</td><td>").append(format(reference[c]));
            for (String model : MODELS) {
                html.append("</td><td>").append(format(((double[]) ((Map<String, Object>) summary.get(model))
                        .get("class_shares"))[c]));
            }
            html.append("</td></tr>\n");
        }
        html.append("</table>\n</body></html>\n");
        OutputFiles.write(out.resolve("report.html"), html.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] png(INDArray images, String name) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(ImageGrid.render(images, name.contains("interpolation") ? 10 : 8), "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + name, e);
        }
        return png.toByteArray();
    }

    private static void figure(StringBuilder html, Map<String, byte[]> pngs, String name, String caption) {
        html.append("<figure><img alt=\"").append(name).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(pngs.get(name))).append("\"><figcaption>")
                .append(escape(caption)).append("</figcaption></figure>");
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.4f", d);
        }
        return String.valueOf(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
