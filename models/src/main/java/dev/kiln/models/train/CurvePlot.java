package dev.kiln.models.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Saves loss and accuracy curves of a training {@link History} as a PNG chart (XChart). */
public final class CurvePlot {
    private CurvePlot() {}

    /** Writes {@code file} (a .png) with the loss (left) and accuracy (right) curves per epoch. */
    public static void save(History h, String title, Path file) throws IOException {
        double[] epochs = IntStream.rangeClosed(1, h.epochs()).asDoubleStream().toArray();
        XYChart loss = chart(title + " - loss", "loss");
        loss.addSeries("train", epochs, h.trainLoss());
        if (hasValues(h.validationLoss())) loss.addSeries("validation", epochs, h.validationLoss());
        XYChart acc = chart(title + " - accuracy", "accuracy");
        acc.addSeries("train", epochs, h.trainAccuracy());
        if (hasValues(h.validationAccuracy())) acc.addSeries("validation", epochs, h.validationAccuracy());
        String base = file.toString().endsWith(".png") ? file.toString().substring(0, file.toString().length() - 4) : file.toString();
        java.awt.image.BufferedImage left = BitmapEncoder.getBufferedImage(loss);
        java.awt.image.BufferedImage right = BitmapEncoder.getBufferedImage(acc);
        java.awt.image.BufferedImage both = new java.awt.image.BufferedImage(left.getWidth() + right.getWidth(),
                Math.max(left.getHeight(), right.getHeight()), java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = both.createGraphics();
        g.drawImage(left, 0, 0, null);
        g.drawImage(right, left.getWidth(), 0, null);
        g.dispose();
        javax.imageio.ImageIO.write(both, "png", Path.of(base + ".png").toFile());
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(560).height(400).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    private static boolean hasValues(double[] v) {
        for (double d : v) if (!Double.isNaN(d)) return true;
        return false;
    }
}
