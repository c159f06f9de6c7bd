package dev.kiln.ops.image;

import dev.kiln.runtime.op.OpRegistry;

/** Resampling and detection ops. */
public final class ImageOps {
    private ImageOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        r.add("", "Resize", 10, 2, 2, Resize::new);
        r.add("", "Resize", 11, 3, 4, Resize::new);
        r.add("", "Resize", 13, 1, 4, Resize::new);
        r.add("", "Upsample", 1, 1, 1, Upsample::new);
        r.add("", "Upsample", 7, 1, 1, Upsample::new);
        r.add("", "Upsample", 9, 2, 2, Upsample::new);
        r.add("", "GridSample", 16, 2, 2, GridSample::new);
        r.add("", "GridSample", 20, 2, 2, GridSample::new);
        r.add("AffineGrid", 20, 2, 2, AffineGrid::new);
        r.add("", "RoiAlign", 10, 3, 3, RoiAlign::new);
        r.add("", "RoiAlign", 16, 3, 3, RoiAlign::new);
        r.add("NonMaxSuppression", 10, 2, 5, NonMaxSuppression::new);
    }
}
