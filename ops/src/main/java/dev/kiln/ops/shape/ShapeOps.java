package dev.kiln.ops.shape;

import dev.kiln.runtime.op.OpRegistry;
import dev.kiln.runtime.op.OpSpec;

/** Shape and data-movement ops. */
public final class ShapeOps {
    private ShapeOps() {}

    /** Registers this family's ops. */
    public static void register(OpRegistry r) {
        int any = OpSpec.VARIADIC;
        r.add("Identity", 1, 1, 1, Identity::new);
        r.add("Constant", 1, 0, 0, Constant::new);
        r.add("Reshape", 1, 1, 1, Reshape::v1);
        r.add("Reshape", 5, 2, 2, Reshape::new);
        r.add("Transpose", 1, 1, 1, Transpose::new);
        r.add("Concat", 1, 1, any, Concat::v1);
        r.add("Concat", 4, 1, any, Concat::new);
        r.add("Split", 1, 1, 2, Split::v1);
        r.add("Split", 2, 1, 1, Split::v2);
        r.add("Split", 13, 1, 2, Split::v13);
        r.add("Split", 18, 1, 2, Split::v18);
        r.add("Slice", 1, 1, 1, Slice::v1);
        r.add("Slice", 10, 3, 5, Slice::new);
        r.add("Gather", 1, 2, 2, Gather::new);
        r.add("GatherElements", 11, 2, 2, GatherElements::new);
        r.add("GatherND", 11, 2, 2, GatherND::new);
        r.add("Scatter", 9, 3, 3, Scatter::new);
        r.add("ScatterElements", 11, 3, 3, ScatterElements::new);
        r.add("ScatterND", 11, 3, 3, ScatterND::new);
        r.add("Squeeze", 1, 1, 1, Squeeze::v1);
        r.add("Squeeze", 13, 1, 2, Squeeze::new);
        r.add("Unsqueeze", 1, 1, 1, Unsqueeze::v1);
        r.add("Unsqueeze", 13, 2, 2, Unsqueeze::new);
        r.add("Flatten", 1, 1, 1, Flatten::new);
        r.add("Expand", 8, 2, 2, Expand::new);
        r.add("Tile", 1, 3, 3, Tile::v1);
        r.add("Tile", 6, 2, 2, Tile::new);
        r.add("Pad", 1, 1, 1, Pad::v1);
        r.add("Pad", 2, 1, 1, Pad::v2);
        r.add("Pad", 11, 2, 4, Pad::new);
        r.add("Shape", 1, 1, 1, Shape::new);
        r.add("Size", 1, 1, 1, Size::new);
        r.add("ConstantOfShape", 9, 1, 1, ConstantOfShape::new);
        r.add("Range", 11, 3, 3, Range::new);
        r.add("Range", 27, 3, 3, Range::v27);
        r.add("Dropout", 1, 1, 1, Dropout::v1);
        r.add("Dropout", 7, 1, 1, Dropout::v7);
        r.add("Dropout", 10, 1, 1, Dropout::v10);
        r.add("Dropout", 12, 1, 3, Dropout::new);
        r.add("OneHot", 9, 3, 3, OneHot::new);
        r.add("NonZero", 9, 1, 1, NonZero::new);
        r.add("Trilu", 14, 1, 2, Trilu::new);
        r.add("DepthToSpace", 1, 1, 1, DepthToSpace::new);
        r.add("SpaceToDepth", 1, 1, 1, SpaceToDepth::new);
        r.add("Compress", 9, 2, 2, Compress::new);
        r.add("ReverseSequence", 10, 2, 2, ReverseSequence::new);
        r.add("EyeLike", 9, 1, 1, EyeLike::new);
        r.add("Unique", 11, 1, 1, Unique::new);
        r.add("CenterCropPad", 18, 2, 2, CenterCropPad::new);
        r.add("Col2Im", 18, 3, 3, Col2Im::new);
        r.add("TensorScatter", 24, 2, 3, TensorScatter::new);
    }
}
