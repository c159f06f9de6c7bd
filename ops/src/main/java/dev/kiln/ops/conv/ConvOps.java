package dev.kiln.ops.conv;

import dev.kiln.runtime.op.OpRegistry;

/** Convolution and pooling. */
public final class ConvOps {
    private ConvOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("", "Conv", 1, 2, 3, Conv::new);
        // The odd pad of a derived padding moves between ends at opset 11 (see ConvTranspose)
        r.add("", "ConvTranspose", 1, 2, 3, ConvTranspose::new);
        r.add("", "ConvTranspose", 11, 2, 3, ConvTranspose::new);
        r.add("DeformConv", 19, 3, 5, DeformConv::new);
        r.add("MaxPool", 1, 1, 1, MaxPool::new);
        r.add("AveragePool", 1, 1, 1, AveragePool::new);
        r.add("LpPool", 1, 1, 1, LpPool::new);
        r.add("GlobalAveragePool", 1, 1, 1, GlobalAveragePool::new);
        r.add("GlobalMaxPool", 1, 1, 1, GlobalMaxPool::new);
        r.add("GlobalLpPool", 1, 1, 1, GlobalLpPool::new);
        r.add("MaxUnpool", 9, 2, 3, MaxUnpool::new);
    }
}
