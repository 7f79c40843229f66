package org.gan4j.dl4j.listeners;

import com.google.common.html.HtmlEscapers;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML of a training report: sections of tables and embedded PNG pictures, one self-contained file. */
final class ReportPage {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:900px;margin:1em auto;color:#222}"
            + "h1{margin-bottom:.2em}.sub{color:#666;margin-top:0}"
            + "table{border-collapse:collapse;margin:.5em 0}td,th{padding:3px 12px;border-bottom:1px solid #eee;"
            + "text-align:left;vertical-align:top}th{background:#f6f6f6}td.v{font-family:monospace;word-break:break-word}"
            + "td.n{text-align:right;font-family:monospace}img{max-width:100%}"
            + ".strip{display:flex;gap:6px;overflow-x:auto}.strip figure{margin:0;text-align:center;color:#555}"
            + ".strip img{width:150px;image-rendering:pixelated}.grid img{width:420px;image-rendering:pixelated}";
    private final StringBuilder html = new StringBuilder();

    ReportPage(String title, String subtitle) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n<h1>").append(escape(title))
                .append("</h1>\n<p class=\"sub\">").append(escape(subtitle)).append("</p>\n");
    }

    ReportPage heading(String text) {
        html.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A two-column table: names, then values in monospace. */
    ReportPage table(String id, Map<String, String> rows) {
        html.append("<table id=\"").append(id).append("\">\n");
        rows.forEach((name, value) -> html.append("<tr><th>").append(escape(name)).append("</th><td class=\"v\">")
                .append(escape(value)).append("</td></tr>\n"));
        html.append("</table>\n");
        return this;
    }

    /** A table with a header row; cells that parse as numbers are right-aligned. */
    ReportPage table(String id, List<String> header, List<List<String>> rows) {
        html.append("<table id=\"").append(id).append("\">\n<tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td class=\"").append(isNumber(cell) ? "n" : "v").append("\">")
                    .append(escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        return this;
    }

    ReportPage image(String alt, byte[] png) {
        html.append("<p><img alt=\"").append(escape(alt)).append("\" src=\"").append(dataUrl(png)).append("\"></p>\n");
        return this;
    }

    ReportPage grid(String alt, byte[] png) {
        html.append("<div class=\"grid\"><img id=\"latest-samples\" alt=\"").append(escape(alt)).append("\" src=\"")
                .append(dataUrl(png)).append("\"></div>\n");
        return this;
    }

    /** Pictures side by side, each captioned "step N". */
    ReportPage strip(List<SampleProgression.Snapshot> snapshots) {
        html.append("<div class=\"strip\" id=\"progression\">\n");
        for (SampleProgression.Snapshot s : snapshots) {
            html.append("<figure><img alt=\"samples at step ").append(s.step()).append("\" src=\"")
                    .append(dataUrl(s.png())).append("\"><figcaption>step ").append(String.format(Locale.ROOT, "%,d", s.step()))
                    .append("</figcaption></figure>\n");
        }
        html.append("</div>\n");
        return this;
    }

    String finish() {
        return html + "</body></html>\n";
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        double magnitude = Math.abs(value);
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) ? String.format(Locale.ROOT, "%.4e", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    private static boolean isNumber(String cell) {
        return cell.matches("[-+]?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|-?Infinity");
    }

    private static String dataUrl(byte[] png) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }

    private static String escape(String text) {
        return HtmlEscapers.htmlEscaper().escape(text);
    }
}
