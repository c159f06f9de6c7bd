package dev.kiln.check;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.kiln.runtime.KilnException;
import dev.kiln.runtime.io.TensorBytes;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a model in ONNX Runtime on Kiln tensors and returns Kiln tensors. */
public final class OrtRunner implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    /**
     * @param modelBytes the serialized model
     * @param threads intra-op threads (0 lets ORT choose)
     */
    public OrtRunner(byte[] modelBytes, int threads) {
        try {
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            if (threads > 0) opts.setIntraOpNumThreads(threads);
            opts.setInterOpNumThreads(1);
            this.session = env.createSession(modelBytes, opts);
        } catch (OrtException e) {
            throw new KilnException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    /** Runs and returns the named outputs (all outputs when {@code outputs} is null). */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, List<String> outputs) {
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) feeds.put(e.getKey(), toOrt(e.getValue()));
            List<String> names = outputs != null ? outputs : new ArrayList<>(session.getOutputNames());
            Map<String, Tensor> out = new LinkedHashMap<>();
            try (OrtSession.Result r = session.run(feeds, new java.util.LinkedHashSet<>(names))) {
                for (String name : names) {
                    OnnxValue v = r.get(name).orElseThrow(() -> new KilnException("ONNX Runtime returned no '" + name + "'"));
                    if (!(v instanceof OnnxTensor t)) throw new KilnException("ONNX Runtime output '" + name + "' is not a tensor");
                    out.put(name, fromOrt(t));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new KilnException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            for (OnnxTensor t : feeds.values()) t.close();
        }
    }

    private OnnxTensor toOrt(Tensor t) throws OrtException {
        long[] shape = t.shape().dims();
        if (t.dtype() == DType.STRING) return OnnxTensor.createTensor(env, t.strings(), shape);
        OnnxJavaType type = switch (t.dtype()) {
            case FLOAT32 -> OnnxJavaType.FLOAT;
            case FLOAT64 -> OnnxJavaType.DOUBLE;
            case INT8 -> OnnxJavaType.INT8;
            case UINT8 -> OnnxJavaType.UINT8;
            case INT16 -> OnnxJavaType.INT16;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case BOOL -> OnnxJavaType.BOOL;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case BFLOAT16 -> OnnxJavaType.BFLOAT16;
            default -> throw new KilnException("ONNX Runtime's Java API cannot take " + t.dtype() + " inputs");
        };
        ByteBuffer b = ByteBuffer.allocateDirect(t.size() * TensorBytes.width(t.dtype())).order(ByteOrder.nativeOrder());
        TensorBytes.write(t, b);
        return OnnxTensor.createTensor(env, b, shape, type);
    }

    static Tensor fromOrt(OnnxTensor t) throws OrtException {
        TensorInfo info = t.getInfo();
        DType dtype = dtypeOf(info.onnxType);
        Shape shape = Shape.of(info.getShape());
        if (dtype == DType.STRING) {
            List<String> flat = new ArrayList<>();
            flatten(t.getValue(), flat);
            return Tensor.wrap(DType.STRING, shape, flat.toArray(new String[0]));
        }
        ByteBuffer b = t.getByteBuffer().order(ByteOrder.nativeOrder());
        Object data = TensorBytes.read(dtype, shape.sizeInt(), b);
        return Tensor.wrap(dtype, shape, data);
    }

    private static DType dtypeOf(TensorInfo.OnnxTensorType t) {
        String name = t.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "");
        return switch (name) {
            case "FLOAT" -> DType.FLOAT32;
            case "DOUBLE" -> DType.FLOAT64;
            default -> {
                try {
                    yield DType.valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw new KilnException("ONNX Runtime returned an unsupported element type " + t);
                }
            }
        };
    }

    private static void flatten(Object o, List<String> out) {
        if (o instanceof String s) {
            out.add(s);
        } else if (o != null && o.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(o); i++) flatten(Array.get(o, i), out);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new KilnException("Closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }
}
