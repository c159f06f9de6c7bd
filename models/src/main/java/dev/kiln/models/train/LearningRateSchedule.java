package dev.kiln.models.train;

/** The learning rate at each optimisation step (0-based). */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate for {@code step}. */
    double at(int step);

    /** A constant rate. */
    static LearningRateSchedule constant(double lr) { return step -> lr; }

    /** {@code lr * gamma^(step / every)}. */
    static LearningRateSchedule step(double lr, int every, double gamma) {
        if (every <= 0) throw new IllegalArgumentException("step schedule period must be positive, got " + every);
        return step -> lr * Math.pow(gamma, step / every);
    }

    /** Cosine annealing from {@code lr} to {@code minLr} over {@code total} steps, then {@code minLr}. */
    static LearningRateSchedule cosine(double lr, double minLr, int total) {
        if (total <= 0) throw new IllegalArgumentException("cosine schedule length must be positive, got " + total);
        return step -> step >= total ? minLr : minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * step / total));
    }

    /** Linear warmup from 0 over {@code warmup} steps, then {@code after} (shifted by the warmup). */
    static LearningRateSchedule linearWarmup(int warmup, LearningRateSchedule after) {
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + warmup);
        return step -> step < warmup ? after.at(0) * (step + 1) / warmup : after.at(step - warmup);
    }
}
