package dev.kiln.models.train;

import java.util.ArrayList;
import java.util.List;

/** Per-epoch training and validation loss and accuracy. */
public final class History {
    private final List<double[]> rows = new ArrayList<>();

    /** Records one epoch (NaN where not measured). */
    public void add(double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy) {
        rows.add(new double[] {trainLoss, trainAccuracy, validationLoss, validationAccuracy});
    }

    /** Number of epochs recorded. */
    public int epochs() { return rows.size(); }

    /** Training loss per epoch. */
    public double[] trainLoss() { return column(0); }

    /** Training accuracy per epoch. */
    public double[] trainAccuracy() { return column(1); }

    /** Validation loss per epoch. */
    public double[] validationLoss() { return column(2); }

    /** Validation accuracy per epoch. */
    public double[] validationAccuracy() { return column(3); }

    private double[] column(int c) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) out[i] = rows.get(i)[c];
        return out;
    }
}
