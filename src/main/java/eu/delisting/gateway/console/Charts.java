package eu.delisting.gateway.console;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Server-rendered SVG charts: drawn from the same figures the page lists in its table (which stays the
 * accessible form of the data), with a title and description for assistive technology. Pure: no framework.
 */
public final class Charts {

    /** One bar group: a label and its values, in the order of the series. */
    public record Group(String label, List<Double> values) {
    }

    /** A series: its name in the legend and its fill, chosen for contrast on white (at least 4.5:1). */
    public record Series(String name, String colour) {
    }

    private static final int WIDTH = 640;
    private static final int LABEL = 140;
    private static final int BAR = 14;
    private static final int GAP = 4;
    private static final int GROUP_GAP = 14;

    private Charts() {
    }

    /** Horizontal grouped bars, one group per label, each value written at the end of its bar. */
    public static String bars(String id, String title, String description, List<Series> series, List<Group> groups,
                              String unit) {
        double max = groups.stream().flatMap(g -> g.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        double scale = max <= 0 ? 0 : (WIDTH - LABEL - 90) / max;
        int groupHeight = series.size() * (BAR + GAP) + GROUP_GAP;
        // The legend on as many rows of 20 units as its entries need within the width.
        List<int[]> keys = new java.util.ArrayList<>();
        int kx = LABEL;
        int ky = 6;
        for (Series s : series) {
            int w = 16 + 8 * s.name().length() + 20;
            if (kx > LABEL && kx + w > WIDTH) {
                kx = LABEL;
                ky += 20;
            }
            keys.add(new int[]{kx, ky});
            kx += w;
        }
        int legend = ky + 22;
        int height = legend + groups.size() * groupHeight + 8;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(esc(id))
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title ").append(esc(id))
                .append("-desc\"><title id=\"").append(esc(id)).append("-title\">").append(esc(title))
                .append("</title><desc id=\"").append(esc(id)).append("-desc\">").append(esc(description)).append("</desc>");
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            int x = keys.get(k)[0];
            int ky0 = keys.get(k)[1];
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(ky0).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(s.colour()).append("\"/><text x=\"").append(x + 16).append("\" y=\"").append(ky0 + 10)
                    .append("\" font-size=\"12\" fill=\"#1a1a1a\">").append(esc(s.name())).append("</text>");
        }
        int y = legend;
        for (Group g : groups) {
            svg.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + BAR)
                    .append("\" text-anchor=\"end\" font-size=\"13\" fill=\"#1a1a1a\">").append(esc(g.label())).append("</text>");
            for (int i = 0; i < series.size(); i++) {
                double value = i < g.values().size() ? g.values().get(i) : 0;
                long w = Math.round(value * scale);
                int by = y + i * (BAR + GAP);
                svg.append("<rect class=\"bar\" x=\"").append(LABEL).append("\" y=\"").append(by).append("\" width=\"")
                        .append(Math.max(w, value > 0 ? 1 : 0)).append("\" height=\"").append(BAR).append("\" fill=\"")
                        .append(series.get(i).colour()).append("\"><title>").append(esc(g.label())).append(", ")
                        .append(esc(series.get(i).name())).append(": ").append(number(value)).append(' ').append(esc(unit))
                        .append("</title></rect><text x=\"").append(LABEL + w + 6).append("\" y=\"").append(by + BAR - 3)
                        .append("\" font-size=\"12\" fill=\"#1a1a1a\">").append(number(value)).append("</text>");
            }
            y += groupHeight;
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Lines over time, one per series (colours from {@link #PALETTE}), over the same x labels; the y axis from 0 to
     * the largest value, with its top value written.
     */
    public static String lines(String id, String title, String description, List<String> series, List<String> labels,
                               List<List<Double>> values, String unit) {
        int width = WIDTH;
        int left = 48;
        int right = 16;
        int top = 30;
        int plot = 180;
        int height = top + plot + 40;
        double max = values.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(0);
        double yScale = max <= 0 ? 0 : plot / max;
        int points = labels.size();
        double xStep = points <= 1 ? 0 : (double) (width - left - right) / (points - 1);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(esc(id))
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title ").append(esc(id))
                .append("-desc\"><title id=\"").append(esc(id)).append("-title\">").append(esc(title))
                .append("</title><desc id=\"").append(esc(id)).append("-desc\">").append(esc(description)).append("</desc>");
        int x = left;
        for (int i = 0; i < series.size(); i++) {
            svg.append("<rect x=\"").append(x).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"")
                    .append(PALETTE.get(i % PALETTE.size())).append("\"/><text x=\"").append(x + 16)
                    .append("\" y=\"16\" font-size=\"12\" fill=\"#1a1a1a\">").append(esc(series.get(i))).append("</text>");
            x += 16 + 8 * series.get(i).length() + 20;
        }
        int base = top + plot;
        svg.append("<line x1=\"").append(left).append("\" y1=\"").append(base).append("\" x2=\"").append(width - right)
                .append("\" y2=\"").append(base).append("\" stroke=\"#4a4a4a\"/><line x1=\"").append(left).append("\" y1=\"")
                .append(top).append("\" x2=\"").append(left).append("\" y2=\"").append(base).append("\" stroke=\"#4a4a4a\"/>")
                .append("<text x=\"").append(left - 6).append("\" y=\"").append(top + 4)
                .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">").append(number(max)).append("</text>")
                .append("<text x=\"").append(left - 6).append("\" y=\"").append(base)
                .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">0</text>");
        if (points > 0) {
            svg.append("<text x=\"").append(left).append("\" y=\"").append(base + 18).append("\" font-size=\"12\" fill=\"#1a1a1a\">")
                    .append(esc(labels.get(0))).append("</text><text x=\"").append(width - right).append("\" y=\"")
                    .append(base + 18).append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#1a1a1a\">")
                    .append(esc(labels.get(points - 1))).append("</text>");
        }
        for (int i = 0; i < values.size(); i++) {
            StringBuilder line = new StringBuilder();
            List<Double> v = values.get(i);
            for (int j = 0; j < v.size(); j++) {
                line.append(j == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", left + j * xStep,
                        base - v.get(j) * yScale));
            }
            svg.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"")
                    .append(PALETTE.get(i % PALETTE.size())).append("\" points=\"").append(line).append("\"><title>")
                    .append(esc(series.get(i))).append(": ").append(number(v.isEmpty() ? 0 : v.get(v.size() - 1)))
                    .append(' ').append(esc(unit)).append("</title></polyline>");
        }
        return svg.append("</svg>").toString();
    }

    /** Fills for up to eight series, each at least 4.5:1 against white. */
    public static final List<String> PALETTE = List.of("#1d4ed8", "#9a3412", "#166534", "#6b21a8", "#0f766e", "#854d0e",
            "#be123c", "#374151");

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The groups of a map of label to values, in the map's order. */
    public static List<Group> groups(Map<String, List<Double>> values) {
        return values.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
    }
}
