package dev.kiln.bench;

import dev.kiln.runtime.tensor.DType;
import java.util.function.LongFunction;

/**
 * The single-operator rows of the suite: a short label, the ONNX op, a readable shape, the floating-point
 * operations one run performs (0 where a GFLOP/s figure means nothing) and how to build the model.
 */
public enum OpCase {
    MATMUL_64("MatMul 64", "MatMul", "64×64 · 64×64", matMulFlops(1, 64, 64, 64),
            seed -> OpModels.matMul(new long[] {64, 64}, new long[] {64, 64}, false, seed)),
    MATMUL_128("MatMul 128", "MatMul", "128×128 · 128×128", matMulFlops(1, 128, 128, 128),
            seed -> OpModels.matMul(new long[] {128, 128}, new long[] {128, 128}, false, seed)),
    MATMUL_256("MatMul 256", "MatMul", "256×256 · 256×256", matMulFlops(1, 256, 256, 256),
            seed -> OpModels.matMul(new long[] {256, 256}, new long[] {256, 256}, false, seed)),
    MATMUL_512("MatMul 512", "MatMul", "512×512 · 512×512", matMulFlops(1, 512, 512, 512),
            seed -> OpModels.matMul(new long[] {512, 512}, new long[] {512, 512}, false, seed)),
    MATMUL_1024("MatMul 1024", "MatMul", "1024×1024 · 1024×1024", matMulFlops(1, 1024, 1024, 1024),
            seed -> OpModels.matMul(new long[] {1024, 1024}, new long[] {1024, 1024}, false, seed)),
    /** BERT feed-forward up-projection; B is a constant weight, as in the model. */
    MATMUL_BERT_FFN("MatMul FFN", "MatMul (BERT FFN, const B)", "128×384 · 384×1536", matMulFlops(1, 128, 1536, 384),
            seed -> OpModels.matMul(new long[] {128, 384}, new long[] {384, 1536}, true, seed)),
    /** BERT attention scores Q·Kᵀ per head; both operands are activations. */
    MATMUL_BERT_ATTN("MatMul attn", "MatMul (BERT attention)", "12×128×64 · 12×64×128", matMulFlops(12, 128, 128, 64),
            seed -> OpModels.matMul(new long[] {12, 128, 64}, new long[] {12, 64, 128}, false, seed)),
    CONV_3X3("Conv 3×3", "Conv 3×3, pads 1", "1×64×56×56, 64→64", convFlops(1, 64, 64, 3, 3, 56, 56),
            seed -> OpModels.conv(64, 64, 56, 3, 1, seed)),
    /** The same Conv with X, W, B and Y all float16 (Kiln computes in float32, rounds on store). */
    CONV_3X3_FP16("Conv 3×3 fp16", "Conv 3×3, pads 1, float16", "1×64×56×56, 64→64", convFlops(1, 64, 64, 3, 3, 56, 56),
            seed -> OpModels.conv(64, 64, 56, 3, 1, DType.FLOAT16, seed)),
    CONV_1X1("Conv 1×1", "Conv 1×1", "1×64×56×56, 64→64", convFlops(1, 64, 64, 1, 1, 56, 56),
            seed -> OpModels.conv(64, 64, 56, 1, 0, seed)),
    /** A quantized 3×3 convolution: uint8 activations and weights, each with a zero point, int32 out. */
    CONV_INTEGER_3X3("ConvInteger 3×3", "ConvInteger 3×3, pads 1 (uint8 x, uint8 w)", "1×64×56×56, 64→64",
            convFlops(1, 64, 64, 3, 3, 56, 56), seed -> OpModels.convInteger(64, 64, 56, 3, 1, seed)),
    /** A small U2-Net-style segmentation network ({@link HalfCnn}), every tensor float16. */
    CNN_FP16("CNN fp16", "U2-Net-style CNN (HalfCnn), float16", "1×3×256×256", 0,
            seed -> HalfCnn.workload(256, DType.FLOAT16, seed)),
    /** The same network in float32, same weights. */
    CNN_FP32("CNN fp32", "U2-Net-style CNN (HalfCnn), float32", "1×3×256×256", 0,
            seed -> HalfCnn.workload(256, DType.FLOAT32, seed)),
    SOFTMAX("Softmax", "Softmax (axis -1)", "12×128×128", 0,
            seed -> OpModels.softmax(new long[] {12, 128, 128}, seed)),
    LAYERNORM("LayerNorm", "LayerNormalization (axis -1)", "128×384", 0,
            seed -> OpModels.layerNorm(new long[] {128, 384}, seed)),
    GELU("Gelu", "Gelu (opset 20)", "128×1536", 0,
            seed -> OpModels.unary("Gelu", 20, new long[] {128, 1536}, seed)),
    ERF("Erf", "Erf (opset 17)", "128×1536", 0,
            seed -> OpModels.unary("Erf", 17, new long[] {128, 1536}, seed));

    private final String label;
    private final String op;
    private final String shape;
    private final long flops;
    private final LongFunction<Workload> builder;

    OpCase(String label, String op, String shape, long flops, LongFunction<Workload> builder) {
        this.label = label;
        this.op = op;
        this.shape = shape;
        this.flops = flops;
        this.builder = builder;
    }

    /** A short name for chart axes. */
    public String label() { return label; }

    /** The ONNX op, with what distinguishes this row. */
    public String op() { return op; }

    /** The input shapes, readable. */
    public String shape() { return shape; }

    /** Floating-point operations per run, or 0 when GFLOP/s is not meaningful. */
    public long flops() { return flops; }

    /** The model and inputs, random values drawn from {@code seed}. */
    public Workload build(long seed) { return builder.apply(seed); }

    /** 2·M·N·K per matrix, times the batch. */
    static long matMulFlops(long batch, long m, long n, long k) { return 2 * batch * m * n * k; }

    /** 2·N·M·C·kH·kW·oH·oW (group 1). */
    static long convFlops(long n, long c, long m, long kh, long kw, long oh, long ow) {
        return 2 * n * m * c * kh * kw * oh * ow;
    }
}
