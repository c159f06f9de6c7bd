package dev.kiln.ops.rnn;

import dev.kiln.runtime.op.OpRegistry;

/** Recurrent layers: RNN, GRU, LSTM. */
public final class RnnOps {
    private RnnOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("RNN", 1, 3, 6, RNN::new);
        r.add("GRU", 1, 3, 6, GRU::new);
        r.add("LSTM", 1, 3, 8, LSTM::new);
    }
}
