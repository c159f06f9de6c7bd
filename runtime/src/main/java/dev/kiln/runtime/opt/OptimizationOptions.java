package dev.kiln.runtime.opt;

/**
 * Which load-time graph optimizations a session applies. The defaults come from the system
 * property {@code kiln.optimize}: unset or {@code true} turns everything on, {@code false} turns
 * everything off, and a comma list such as {@code fold,matmul-add} turns on just the named ones
 * (names: {@code fold}, {@code layer-norm}, {@code gelu}, {@code matmul-add}, {@code attention},
 * {@code matmul-integer}).
 *
 * @param foldConstants evaluate nodes whose inputs are all constants once, at load
 * @param layerNorm fuse the decomposed layer normalization into {@code dev.kiln:LayerNorm}
 * @param gelu fuse the Erf form of GELU into {@code dev.kiln:Gelu}
 * @param matMulAdd fuse MatMul followed by a bias Add into {@code dev.kiln:MatMulAdd}
 * @param attention fuse scaled dot-product attention into {@code dev.kiln:Attention}
 * @param matMulInteger fuse MatMulInteger with its Cast, scale Mul and bias Add into
 *     {@code dev.kiln:MatMulIntegerToFloat}
 */
public record OptimizationOptions(boolean foldConstants, boolean layerNorm, boolean gelu, boolean matMulAdd,
                                  boolean attention, boolean matMulInteger) {
    /** The system property read by {@link #defaults()}. */
    public static final String PROPERTY = "kiln.optimize";

    /** Every optimization on. */
    public static final OptimizationOptions ALL = new OptimizationOptions(true, true, true, true, true, true);

    /** No optimization: the graph runs as loaded. */
    public static final OptimizationOptions NONE = new OptimizationOptions(false, false, false, false, false, false);

    /** The options named by the {@code kiln.optimize} system property (see the class comment). */
    public static OptimizationOptions defaults() { return parse(System.getProperty(PROPERTY)); }

    /** Parses a {@code kiln.optimize} value; null or blank means {@link #ALL}. */
    public static OptimizationOptions parse(String spec) {
        if (spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("true")) return ALL;
        if (spec.trim().equalsIgnoreCase("false")) return NONE;
        boolean fold = false, ln = false, gelu = false, mma = false, attn = false, mmi = false;
        for (String part : spec.split(",")) {
            switch (part.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "fold" -> fold = true;
                case "layer-norm" -> ln = true;
                case "gelu" -> gelu = true;
                case "matmul-add" -> mma = true;
                case "attention" -> attn = true;
                case "matmul-integer" -> mmi = true;
                case "" -> { }
                default -> throw new IllegalArgumentException("Unknown optimization '" + part.trim()
                        + "' in " + PROPERTY + "; known: fold, layer-norm, gelu, matmul-add, attention, matmul-integer");
            }
        }
        return new OptimizationOptions(fold, ln, gelu, mma, attn, mmi);
    }

    /** Whether any optimization is on. */
    public boolean any() { return foldConstants || layerNorm || gelu || matMulAdd || attention || matMulInteger; }
}
