package dev.kiln.bench;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime: a session with the given intra-op thread count (inter-op 1, default graph
 * optimizations) and input {@link OnnxTensor}s created once, so a run measures {@code run} only.
 * Outputs stay in native memory; they are released, not copied to Java arrays.
 */
final class OrtSide implements Side {
    private final OrtSession session;
    private final Map<String, OnnxTensor> feeds = new LinkedHashMap<>();

    OrtSide(Workload w, int threads) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        this.session = env.createSession(w.model(), options(threads));
        for (Map.Entry<String, Tensor> e : w.feeds().entrySet()) feeds.put(e.getKey(), tensor(env, e.getValue()));
    }

    /** Session options for {@code threads} intra-op threads and a single inter-op thread. */
    static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        return o;
    }

    /** A native copy of a float32, float16, int64 or uint8 Kiln tensor. */
    static OnnxTensor tensor(OrtEnvironment env, Tensor t) throws OrtException {
        long[] shape = t.shape().dims();
        return switch (t.dtype()) {
            case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), shape);
            case FLOAT16 -> OnnxTensor.createTensor(env, ShortBuffer.wrap(t.shorts()), shape, OnnxJavaType.FLOAT16);
            case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), shape);
            case UINT8 -> OnnxTensor.createTensor(env, ByteBuffer.wrap(t.bytes()), shape, OnnxJavaType.UINT8);
            default -> throw new IllegalArgumentException("bench feeds float32, float16, int64 or uint8 only, got " + t.dtype());
        };
    }

    @Override
    public Object run() throws OrtException {
        try (OrtSession.Result r = session.run(feeds)) {
            return r.get(0);
        }
    }

    @Override
    public void close() throws OrtException {
        for (OnnxTensor t : feeds.values()) t.close();
        session.close();
    }
}
