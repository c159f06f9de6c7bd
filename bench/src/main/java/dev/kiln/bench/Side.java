package dev.kiln.bench;

/** One runtime prepared to run one workload: what a benchmark invocation calls. */
interface Side extends AutoCloseable {
    /** Runs the model once on the prepared inputs; returns something of the outputs for JMH to consume. */
    Object run() throws Exception;

    @Override
    void close() throws Exception;

    /**
     * Prepares {@code via} ("kiln" or "ort") for {@code w}; both runtimes get {@code threads}
     * intra-op threads.
     */
    static Side open(String via, Workload w, int threads) throws Exception {
        return switch (via) {
            case "kiln" -> new KilnSide(w, threads);
            case "ort" -> new OrtSide(w, threads);
            default -> throw new IllegalArgumentException("via must be kiln or ort, got '" + via + "'");
        };
    }
}
