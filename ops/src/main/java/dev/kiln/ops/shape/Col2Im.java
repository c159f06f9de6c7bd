package dev.kiln.ops.shape;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.util.Arrays;

/**
 * Col2Im: folds column blocks back into an image, summing overlaps (the inverse of im2col).
 * Input (N, C·∏block, L) with L blocks enumerated row-major; output (N, C, image...). Block
 * element k of block l lands at {@code l_i * stride_i - pad_begin_i + k_i * dilation_i}.
 */
public final class Col2Im extends TensorOp {
    private final long[] dilations;
    private final long[] pads;
    private final long[] strides;

    public Col2Im(Node node) {
        this.dilations = node.attributes().getInts("dilations", null);
        this.pads = node.attributes().getInts("pads", null);
        this.strides = node.attributes().getInts("strides", null);
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        Tensor x = Inputs.required(inputs, 0, "input");
        long[] image = Indices.read(Inputs.required(inputs, 1, "image_shape"), "image_shape");
        long[] block = Indices.read(Inputs.required(inputs, 2, "block_shape"), "block_shape");
        int d = image.length;
        if (block.length != d) {
            throw new IllegalArgumentException("image_shape " + Arrays.toString(image) + " and block_shape "
                    + Arrays.toString(block) + " must have the same length");
        }
        Reduction.ADD.check(x.dtype());
        if (x.rank() != 3) throw new IllegalArgumentException("input 'input' must be 3-D (N, C*K, L), got " + x.describe());
        long[] dil = orDefault(dilations, d, 1, "dilations");
        long[] str = orDefault(strides, d, 1, "strides");
        long[] pad = orDefault(pads, 2 * d, 0, "pads");
        for (int i = 0; i < d; i++) {
            if (dil[i] < 1 || str[i] < 1 || pad[i] < 0 || pad[i + d] < 0 || block[i] < 1 || image[i] < 0) {
                throw new IllegalArgumentException("axis " + i + " needs dilation, stride and block >= 1 and pads, "
                        + "image >= 0; got dilation " + dil[i] + ", stride " + str[i] + ", block " + block[i]
                        + ", pads " + pad[i] + "/" + pad[i + d] + ", image " + image[i]);
            }
        }
        long kSize = Moves.product(block, 0, d);
        long n = x.shape().dim(0);
        long ck = x.shape().dim(1);
        long l = x.shape().dim(2);
        if (kSize <= 0 || ck % kSize != 0) {
            throw new IllegalArgumentException("input channel size " + ck + " is not a multiple of the block size " + kSize);
        }
        long c = ck / kSize;
        long[] grid = new long[d];
        for (int i = 0; i < d; i++) {
            long span = dil[i] * (block[i] - 1) + 1;
            grid[i] = (image[i] + pad[i] + pad[i + d] - span) / str[i] + 1;
            if (grid[i] < 0) grid[i] = 0;
        }
        if (Moves.product(grid, 0, d) != l) {
            throw new IllegalArgumentException("input has " + l + " blocks, expected " + Moves.product(grid, 0, d)
                    + " for image_shape " + Arrays.toString(image) + ", block_shape " + Arrays.toString(block));
        }
        long imgSize = Moves.product(image, 0, d);
        long[] imgStrides = Shape.of(image).strides();
        // map[k * L + l]: the image offset block element k of block l lands on, or -1 in the padding
        int[] map = new int[(int) (kSize * l)];
        long[] kc = new long[d];
        long[] lc = new long[d];
        for (int k = 0; k < kSize; k++) {
            Arrays.fill(lc, 0);
            for (int b = 0; b < l; b++) {
                long off = 0;
                for (int i = 0; i < d; i++) {
                    long pos = lc[i] * str[i] - pad[i] + kc[i] * dil[i];
                    if (pos < 0 || pos >= image[i]) {
                        off = -1;
                        break;
                    }
                    off += pos * imgStrides[i];
                }
                map[(int) (k * l + b)] = (int) off;
                step(lc, grid);
            }
            step(kc, block);
        }
        long[] outDims = new long[2 + d];
        outDims[0] = n;
        outDims[1] = c;
        System.arraycopy(image, 0, outDims, 2, d);
        Tensor y = Tensor.zeros(x.dtype(), Shape.of(outDims));
        int kl = map.length;
        for (int nc = 0; nc < n * c; nc++) {
            int src = nc * kl;
            int dst = (int) (nc * imgSize);
            if (x.dtype() == DType.FLOAT32) {
                float[] xs = x.floats();
                float[] ys = y.floats();
                for (int j = 0; j < kl; j++) if (map[j] >= 0) ys[dst + map[j]] += xs[src + j];
            } else {
                for (int j = 0; j < kl; j++) if (map[j] >= 0) Reduction.ADD.apply(y, dst + map[j], x, src + j);
            }
        }
        return new Tensor[] {y};
    }

    private static void step(long[] ctr, long[] dims) {
        for (int i = ctr.length - 1; i >= 0; i--) {
            if (++ctr[i] < dims[i]) return;
            ctr[i] = 0;
        }
    }

    private static long[] orDefault(long[] v, int n, long def, String what) {
        if (v == null) {
            long[] out = new long[n];
            Arrays.fill(out, def);
            return out;
        }
        if (v.length != n) {
            throw new IllegalArgumentException("attribute '" + what + "' has " + v.length + " values, expected " + n);
        }
        return v;
    }
}
