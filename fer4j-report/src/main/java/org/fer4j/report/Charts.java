package org.fer4j.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The papers' figures drawn with XChart and encoded as PNG bytes for embedding in the HTML report. */
final class Charts {
    static final int WIDTH = 720;
    static final int HEIGHT = 400;
    /** Colour-blind-safe palette (Okabe–Ito), one colour per class or series. */
    static final Color[] PALETTE = {new Color(0xE69F00), new Color(0x56B4E9), new Color(0x009E73),
            new Color(0xF0E442), new Color(0x0072B2), new Color(0xD55E00), new Color(0xCC79A7), new Color(0x000000)};

    private Charts() {
    }

    /** One line of a chart: a name and its x/y values. */
    record Line(String name, double[] x, double[] y) {
    }

    /** Fig. 5: test accuracy (%) at the end of each pace, one line per run. */
    static byte[] paceAccuracy(List<Line> lines) {
        XYChart c = xy("Test accuracy per self-paced pace", "pace", "test accuracy (%)");
        c.getStyler().setXAxisDecimalPattern("0");
        for (Line l : lines) {
            XYSeries s = c.addSeries(l.name(), l.x(), l.y());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return png(c);
    }

    /**
     * A forest plot: each row's mean paired difference to the baseline (dot) and its 95 % interval (bar),
     * in accuracy points, with the line of no difference at 0.
     */
    static byte[] forest(List<String> rows, double[] mean, double[] low, double[] high) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(Math.max(220, 70 * rows.size() + 120))
                .title("Paired difference to the baseline, 95 % CI (corrected resampled t-test)")
                .xAxisTitle("accuracy difference (points)").yAxisTitle("").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        c.getStyler().setYAxisMin(0.5).setYAxisMax(rows.size() + 0.5);
        c.getStyler().setYAxisDecimalPattern("0");
        double lo = 0, hi = 0;
        for (int i = 0; i < rows.size(); i++) {
            lo = Math.min(lo, 100 * low[i]);
            hi = Math.max(hi, 100 * high[i]);
        }
        double pad = Math.max(0.5, 0.1 * (hi - lo));
        c.getStyler().setXAxisMin(Math.floor(lo - pad)).setXAxisMax(Math.ceil(hi + pad));
        c.getStyler().setXAxisDecimalPattern("+0.0;-0.0");
        for (int i = 0; i < rows.size(); i++) {
            double y = rows.size() - i;
            XYSeries bar = c.addSeries(rows.get(i), new double[] {100 * low[i], 100 * mean[i], 100 * high[i]},
                    new double[] {y, y, y});
            bar.setMarker(SeriesMarkers.CIRCLE);
            bar.setLineColor(PALETTE[i % PALETTE.length]);
            bar.setMarkerColor(PALETTE[i % PALETTE.length]);
        }
        c.addAnnotation(new AnnotationLine(0, true, false));
        return png(c);
    }

    /** Fig. 6: training loss per epoch, with a dashed vertical line where each pace starts. */
    static byte[] loss(List<Line> lines, List<Double> paceStarts) {
        XYChart c = xy(paceStarts.isEmpty() ? "Training loss per epoch" : "Training loss per epoch (dashed: pace boundaries)",
                "epoch", "loss");
        c.getStyler().setXAxisDecimalPattern("0");
        for (Line l : lines) {
            XYSeries s = c.addSeries(l.name(), l.x(), l.y());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        for (double x : paceStarts) {
            AnnotationLine a = new AnnotationLine(x, true, false);
            c.addAnnotation(a);
        }
        c.getStyler().setAnnotationLineColor(new Color(0x888888));
        c.getStyler().setAnnotationLineStroke(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        return png(c);
    }

    /**
     * The disentanglement curve beside the loss: linear probe accuracy (%) per epoch, one line per
     * target and representation, with the chance levels dashed.
     */
    static byte[] disentanglement(List<Line> scores, List<Line> chance, int folds) {
        XYChart c = xy(folds > 1 ? "Linear probes per epoch, mean over " + folds + " folds (dashed: chance)"
                : "Linear probes per epoch (dashed: chance)", "epoch", "probe accuracy (%)");
        c.getStyler().setXAxisDecimalPattern("0");
        c.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        int[] readable = {0, 1, 2, 5, 4, 6}; // the palette without its yellow and black (black is chance)
        int i = 0;
        for (Line l : scores) {
            Color colour = PALETTE[readable[i++ % readable.length]];
            XYSeries s = c.addSeries(l.name(), l.x(), l.y());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(colour);
            s.setMarkerColor(colour);
        }
        Color[] grey = {new Color(0x000000), new Color(0x888888)};
        int j = 0;
        for (Line l : chance) {
            XYSeries s = c.addSeries(l.name(), l.x(), l.y());
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            s.setLineColor(grey[j++ % grey.length]);
        }
        return png(c);
    }

    /** Fig. 4: row-normalised confusion matrix (true class top to bottom), each cell labelled in %. */
    static byte[] confusion(List<String> labels, double[][] rowNormalised, String title) {
        int k = labels.size();
        HeatMapChart c = new HeatMapChartBuilder().width(Math.max(420, 70 * k + 220)).height(Math.max(360, 60 * k + 140))
                .title(title).xAxisTitle("predicted").yAxisTitle("true").build();
        c.getStyler().setShowValue(true);
        c.getStyler().setMin(0).setMax(100);
        c.getStyler().setHeatMapValueDecimalPattern("0");
        c.getStyler().setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        c.getStyler().setValueFontColor(Color.BLACK);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLegendVisible(false);
        List<String> ys = new ArrayList<>(labels);
        java.util.Collections.reverse(ys);
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = Double.isNaN(rowNormalised[i][j]) ? 0 : 100 * rowNormalised[i][j];
                cells.add(new Number[] {j, k - 1 - i, v});
            }
        }
        c.addSeries("% of true class", labels, ys, cells);
        return png(c);
    }

    /** Fig. 7: a 2-D embedding coloured by class. */
    static byte[] scatter(String title, SortedMap<String, List<double[]>> byClass, Map<String, Color> colours) {
        XYChart c = new XYChartBuilder().width(520).height(400).title(title).build();
        style(c);
        c.getStyler().setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(7);
        c.getStyler().setAxisTicksVisible(false);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        for (Map.Entry<String, List<double[]>> e : byClass.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            XYSeries s = c.addSeries(e.getKey() + " (" + x.length + ")", x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(colours.get(e.getKey()));
        }
        return png(c);
    }

    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(c);
        return c;
    }

    private static void style(XYChart c) {
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xDDDDDD));
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        c.getStyler().setSeriesColors(PALETTE);
        c.getStyler().setAntiAlias(true);
    }

    static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart as PNG", e);
        }
    }
}
