package org.prunedistill.launcher.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line plot with error bars: series of (x, y, error) points, linear or logarithmic x,
 * axes with rounded ticks, a legend. Enough for the report's profiles; no script, no external resource, so the HTML
 * report opens anywhere. Not thread-safe; build, then {@link #svg()}.
 */
final class SvgPlot {

    /** One plotted point; {@code error} is NaN when there is none. */
    record Point(double x, double y, double error, String label) {
    }

    private record Series(String name, List<Point> points) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
        "#8c564b", "#e377c2"};
    private static final int WIDTH = 560;
    private static final int HEIGHT = 340;
    private static final int LEFT = 60;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private boolean logX;

    SvgPlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    SvgPlot logX() {
        this.logX = true;
        return this;
    }

    SvgPlot series(String name, List<Point> points) {
        List<Point> finite = points.stream().filter(p -> Double.isFinite(p.y()) && Double.isFinite(p.x())
                && (!logX || p.x() > 0)).toList();
        if (!finite.isEmpty()) {
            series.add(new Series(name, finite));
        }
        return this;
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    String svg() {
        double[] xs = range(true);
        double[] ys = range(false);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT,
                escape(title)));
        svg.append(text(LEFT + plotWidth() / 2.0, 18, title, "middle", "font-weight:bold"));
        axes(svg, xs, ys);
        for (int s = 0; s < series.size(); s++) {
            drawSeries(svg, series.get(s), COLOURS[s % COLOURS.length], xs, ys);
            double legendY = TOP + 14 + 18 * s;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", WIDTH - RIGHT + 12, legendY - 4, WIDTH - RIGHT + 32, legendY - 4,
                    COLOURS[s % COLOURS.length]));
            svg.append(text(WIDTH - RIGHT + 36, legendY, series.get(s).name(), "start", ""));
        }
        return svg.append("</svg>\n").toString();
    }

    private void drawSeries(StringBuilder svg, Series s, String colour, double[] xs, double[] ys) {
        StringBuilder path = new StringBuilder();
        for (Point p : s.points()) {
            path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px(p.x(), xs),
                    py(p.y(), ys)));
        }
        svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                path, colour));
        for (Point p : s.points()) {
            double x = px(p.x(), xs);
            if (Double.isFinite(p.error()) && p.error() > 0) {
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        + "stroke=\"%s\"/>%n", x, py(p.y() - p.error(), ys), x, py(p.y() + p.error(), ys), colour));
            }
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                    + "<title>%s: %s</title></circle>%n", x, py(p.y(), ys), colour, escape(s.name()),
                    escape(p.label() + " " + number(p.y()) + (Double.isFinite(p.error()) ? " +- "
                            + number(p.error()) : ""))));
        }
    }

    private void axes(StringBuilder svg, double[] xs, double[] ys) {
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", x0, TOP, plotWidth(), plotHeight()));
        for (double tick : ticks(ys[0], ys[1], false)) {
            double y = py(tick, ys);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    x0, y, x0 + plotWidth(), y));
            svg.append(text(x0 - 6, y + 4, number(tick), "end", ""));
        }
        for (double tick : ticks(xs[0], xs[1], logX)) {
            double x = px(tick, xs);
            svg.append(text(x, y0 + 16, number(tick), "middle", ""));
        }
        svg.append(text(x0 + plotWidth() / 2.0, HEIGHT - 8, xLabel, "middle", ""));
        svg.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
                + "transform=\"rotate(-90 14 %.1f)\">%s</text>%n", TOP + plotHeight() / 2.0, TOP + plotHeight() / 2.0,
                escape(yLabel)));
    }

    private double[] range(boolean x) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (Point p : s.points()) {
                double error = Double.isFinite(p.error()) ? p.error() : 0.0;
                double value = x ? p.x() : p.y();
                low = Math.min(low, x ? value : value - error);
                high = Math.max(high, x ? value : value + error);
            }
        }
        if (!Double.isFinite(low)) {
            return new double[] {0, 1};
        }
        if (x && logX) {
            return new double[] {Math.log10(low) - 0.05, Math.log10(high) + 0.05};
        }
        double pad = high > low ? 0.06 * (high - low) : Math.max(0.5, Math.abs(low) * 0.1);
        return new double[] {x ? low - pad : Math.min(low - pad, y0Floor(low)), high + pad};
    }

    /** Y axes of non-negative quantities start at 0, so that a change is not visually exaggerated. */
    private static double y0Floor(double low) {
        return low >= 0 ? 0.0 : low;
    }

    private static List<Double> ticks(double low, double high, boolean log) {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (int e = (int) Math.ceil(low); e <= Math.floor(high); e++) {
                ticks.add(Math.pow(10, e));
            }
            return ticks;
        }
        double step = Math.pow(10, Math.floor(Math.log10((high - low) / 5)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if ((high - low) / (step * m) <= 6) {
                step *= m;
                break;
            }
        }
        for (double t = Math.ceil(low / step) * step; t <= high; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return ticks;
    }

    private double px(double x, double[] xs) {
        double v = logX ? Math.log10(x) : x;
        return LEFT + (v - xs[0]) / (xs[1] - xs[0]) * plotWidth();
    }

    private double py(double y, double[] ys) {
        return TOP + plotHeight() - (y - ys[0]) / (ys[1] - ys[0]) * plotHeight();
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String text(double x, double y, String content, String anchor, String style) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\"%s>%s"
                + "</text>%n", x, y, anchor, style.isEmpty() ? "" : " style=\"" + style + "\"", escape(content));
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude >= 1e4 || magnitude < 1e-3)) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        return String.format(Locale.ROOT, magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.3g", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
