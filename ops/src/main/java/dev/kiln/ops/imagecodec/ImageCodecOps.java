package dev.kiln.ops.imagecodec;

import dev.kiln.runtime.op.OpRegistry;

/** Image decoding ops. */
public final class ImageCodecOps {
    private ImageCodecOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("ImageDecoder", 20, 1, 1, ImageDecoder::new);
    }
}
