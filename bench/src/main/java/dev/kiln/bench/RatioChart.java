package dev.kiln.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * A bar chart of Kiln/ORT time ratios, one bar per row and thread count, on a log scale with a
 * line at 1 (parity). Rows without both scores are left out.
 */
final class RatioChart {
    private RatioChart() {}

    /** Writes the chart as PNG; returns how many rows it shows. */
    static int write(List<ResultTable.Row> rows, Path png, String title) throws IOException {
        Set<String> categories = new LinkedHashSet<>();
        Set<Integer> threadCounts = new TreeSet<>();
        double min = 1;
        double max = 1;
        for (ResultTable.Row r : rows) {
            if (Double.isNaN(r.ratio())) continue;
            categories.add(r.chartLabel);
            threadCounts.add(r.threads);
            min = Math.min(min, r.ratio());
            max = Math.max(max, r.ratio());
        }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(900, 70 * categories.size() + 200)).height(600)
                .title(title).xAxisTitle("").yAxisTitle("Kiln time / ORT time (log scale, lower is better for Kiln)").build();
        CategoryStyler s = chart.getStyler();
        s.setXAxisLabelRotation(45);
        s.setYAxisLogarithmic(true);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridVerticalLinesVisible(false);
        s.setYAxisDecimalPattern("0.##");
        // bars start at the axis minimum, which a log axis needs above zero: whole decades around the data
        s.setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        s.setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.01))));
        s.setAnnotationLineColor(Color.DARK_GRAY);
        s.setAnnotationLineStroke(new BasicStroke(1.5f));
        if (categories.isEmpty()) {
            chart.addSeries("no row has both a Kiln and an ORT time", List.of("none"), List.of(1.0));
        }
        List<String> xs = new ArrayList<>(categories);
        for (int threads : threadCounts) {
            List<Double> ys = new ArrayList<>();
            for (String c : xs) ys.add(ratioOf(rows, c, threads));
            chart.addSeries("threads=" + threads, xs, ys);
        }
        chart.addAnnotation(new AnnotationLine(1, false, false));
        String file = png.toString();
        String base = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        return categories.size();
    }

    /** The ratio of the row with this chart label and thread count, or null when there is none. */
    private static Double ratioOf(List<ResultTable.Row> rows, String label, int threads) {
        for (ResultTable.Row r : rows) {
            if (r.chartLabel.equals(label) && r.threads == threads && !Double.isNaN(r.ratio())) return r.ratio();
        }
        return null;
    }
}
