package dev.kiln.ops.quant;

import dev.kiln.runtime.op.OpRegistry;

/** Quantization ops. */
public final class QuantOps {
    private QuantOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        // later versions add axis (13), float8 and saturate (19), blocks and output_dtype (21),
        // float4 and precision (23), e8m0 scales (24), int2 (25): one kernel reads them all
        for (int v : new int[] {10, 13, 19, 21, 23, 24, 25}) {
            r.add("QuantizeLinear", v, 2, 3, QuantizeLinear::new);
            r.add("DequantizeLinear", v, 2, 3, DequantizeLinear::new);
        }
        r.add("DynamicQuantizeLinear", 11, 1, 1, DynamicQuantizeLinear::new);
        r.add("", "MatMulInteger", 10, 2, 4, MatMulInteger::new);
        r.add("QLinearMatMul", 10, 8, 8, QLinearMatMul::new);
        r.add("QLinearMatMul", 21, 8, 8, QLinearMatMul::new);
        r.add("", "ConvInteger", 10, 2, 4, ConvInteger::new);
        r.add("QLinearConv", 10, 8, 9, QLinearConv::new);
    }
}
