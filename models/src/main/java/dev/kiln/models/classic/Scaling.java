package dev.kiln.models.classic;

import dev.kiln.runtime.graph.Attribute;
import java.util.List;

/** The affine map {@code y = (x - offset) * scale} shared by the scalers. */
final class Scaling {
    private Scaling() {}

    static double[][] apply(double[][] x, double[] offset, double[] scale) {
        double[][] out = new double[x.length][offset.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < offset.length; j++) out[i][j] = (x[i][j] - offset[j]) * scale[j];
        }
        return out;
    }

    static String appendOnnx(OnnxBuilder b, String x, double[] offset, double[] scale) {
        return b.node(OnnxBuilder.ML, "Scaler", List.of(x), List.of("scaled"),
                Attribute.ofFloats("offset", OnnxBuilder.floats(offset)),
                Attribute.ofFloats("scale", OnnxBuilder.floats(scale))).get(0);
    }
}
