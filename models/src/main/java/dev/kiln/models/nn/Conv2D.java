package dev.kiln.models.nn;

import dev.kiln.runtime.graph.Attribute;
import dev.kiln.runtime.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * 2-D convolution as one ONNX {@code Conv}: {@code x: (N, C, H, W)}, {@code W: (M, C/groups, kH, kW)},
 * {@code b: (M)}. W is He-initialised (fan-in {@code C/groups * kH * kW}), b zero.
 */
public final class Conv2D implements Module {
    private final Config cfg;
    private final Tensor w;
    private final Tensor bias;

    /**
     * Convolution settings.
     *
     * @param in input channels C
     * @param out output channels M
     * @param kernel kernel size (square)
     * @param stride stride (both axes)
     * @param padding zero padding on every side
     * @param dilation dilation (both axes)
     * @param groups channel groups
     * @param bias whether to add a bias
     */
    public record Config(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
        public Config {
            if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || dilation <= 0 || groups <= 0
                    || in % groups != 0 || out % groups != 0) {
                throw new IllegalArgumentException("Invalid Conv2D config " + this);
            }
        }

        /** A k×k convolution with stride 1, no padding, no dilation, one group, with bias. */
        public static Config of(int in, int out, int kernel) { return new Config(in, out, kernel, 1, 0, 1, 1, true); }

        /** A copy with another padding. */
        public Config padding(int p) { return new Config(in, out, kernel, stride, p, dilation, groups, bias); }

        /** A copy with another stride. */
        public Config stride(int s) { return new Config(in, out, kernel, s, padding, dilation, groups, bias); }

        /** A copy with another dilation. */
        public Config dilation(int d) { return new Config(in, out, kernel, stride, padding, d, groups, bias); }

        /** A copy with another group count. */
        public Config groups(int g) { return new Config(in, out, kernel, stride, padding, dilation, g, bias); }
    }

    /** A convolution with He-initialised weights. */
    public Conv2D(Config cfg, SplittableRandom rnd) {
        this.cfg = cfg;
        int fanIn = cfg.in() / cfg.groups() * cfg.kernel() * cfg.kernel();
        this.w = Init.he(rnd, fanIn, cfg.out(), cfg.in() / cfg.groups(), cfg.kernel(), cfg.kernel());
        this.bias = Init.zeros(cfg.out());
    }

    @Override
    public Var apply(GraphBuilder b, Var x) {
        if (x.rank() != 4) throw new IllegalArgumentException("Conv2D expects a rank-4 (N, C, H, W) input, got rank " + x.rank());
        return b.scoped("conv2d", () -> {
            List<String> in = cfg.bias() ? List.of(x.name(), b.parameter("W", w), b.parameter("b", bias))
                    : List.of(x.name(), b.parameter("W", w));
            int p = cfg.padding();
            String y = b.node("Conv", in,
                    Attribute.ofInts("kernel_shape", cfg.kernel(), cfg.kernel()),
                    Attribute.ofInts("strides", cfg.stride(), cfg.stride()),
                    Attribute.ofInts("pads", p, p, p, p),
                    Attribute.ofInts("dilations", cfg.dilation(), cfg.dilation()),
                    Attribute.of("group", (long) cfg.groups()));
            return new Var(y, 4);
        });
    }

    @Override
    public Map<String, Tensor> parameters() {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("W", w);
        if (cfg.bias()) p.put("b", bias);
        return p;
    }

    @Override
    public String toString() { return "Conv2D(" + cfg + ")"; }
}
