package dev.kiln.importer;

import com.google.protobuf.ByteString;
import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.io.TensorBytes;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import onnx.OnnxMl.TensorProto;

/** {@code TensorProto} ↔ {@link Tensor}, for raw_data, typed fields and external data. */
public final class TensorCodec {
    private TensorCodec() {}

    /** Decodes a tensor stored inline (external data is refused). */
    public static Tensor decode(TensorProto p) { return decode(p, DataFolders.NONE); }

    /**
     * Decodes a tensor.
     *
     * @param baseDir folder that external data locations are relative to; null forbids them
     * @throws ModelLoadException naming the tensor when its type, dims or data length are wrong
     */
    public static Tensor decode(TensorProto p, Path baseDir) {
        return decode(p, baseDir == null ? DataFolders.NONE : DataFolders.of(baseDir, LoadOptions.defaults()));
    }

    static Tensor decode(TensorProto p, DataFolders folders) {
        String name = p.getName().isEmpty() ? "<unnamed>" : p.getName();
        DType dtype;
        try {
            dtype = DType.fromOnnx(p.getDataType());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("Tensor '" + name + "': unknown data_type " + p.getDataType());
        }
        if (!dtype.isSupported()) {
            throw new ModelLoadException("Tensor '" + name + "': element type " + dtype + " is not supported");
        }
        long[] dims = new long[p.getDimsCount()];
        for (int i = 0; i < dims.length; i++) dims[i] = p.getDims(i);
        Shape shape;
        try {
            shape = Shape.of(dims);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("Tensor '" + name + "': " + e.getMessage());
        }
        if (shape.size() > Integer.MAX_VALUE - 8) {
            throw new ModelLoadException("Tensor '" + name + "' of shape " + shape + " is too large for one Java array");
        }
        int n = (int) shape.size();
        try {
            if (p.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                if (dtype == DType.STRING) {
                    throw new ModelLoadException("Tensor '" + name + "': strings cannot use external data");
                }
                byte[] raw = ExternalData.read(p, folders, packedBytes(dtype, n));
                return fromRaw(dtype, shape, ByteString.copyFrom(raw), name);
            }
            if (!p.getRawData().isEmpty() || (n == 0 && dtype != DType.STRING)) {
                return fromRaw(dtype, shape, p.getRawData(), name);
            }
            return fromTyped(dtype, shape, p, name);
        } catch (ModelLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelLoadException("Tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    private static long packedBytes(DType t, int n) {
        return switch (t.bits()) {
            case 4 -> (n + 1) / 2;
            case 2 -> (n + 3) / 4;
            default -> n * (long) (t.bits() / 8);
        };
    }

    private static Tensor fromRaw(DType dtype, Shape shape, ByteString raw, String name) {
        int n = (int) shape.size();
        if (dtype == DType.STRING) throw new ModelLoadException("Tensor '" + name + "': strings cannot use raw_data");
        long expected = packedBytes(dtype, n);
        if (raw.size() != expected) {
            throw new ModelLoadException("Tensor '" + name + "' of type " + dtype + " and shape " + shape
                    + " needs " + expected + " bytes of data, got " + raw.size());
        }
        ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        Object data;
        if (dtype.storage() == DType.Storage.BYTE && dtype.bits() == 8) {
            data = raw.toByteArray(); // one copy, with no zeroing first
        } else if (dtype.bits() >= 8) {
            data = TensorBytes.read(dtype, n, b);
        } else {
            data = Tensor.allocate(dtype, n);
            unpack(dtype, n, i -> b.get(i) & 0xff, (byte[]) data);
        }
        return Tensor.wrap(dtype, shape, data);
    }

    private static void unpack(DType dtype, int n, java.util.function.IntUnaryOperator packedByte, byte[] out) {
        int bits = dtype.bits();
        int perByte = 8 / bits;
        int mask = (1 << bits) - 1;
        for (int i = 0; i < n; i++) {
            int v = packedByte.applyAsInt(i / perByte);
            out[i] = (byte) ((v >>> ((i % perByte) * bits)) & mask);
        }
    }

    private static Tensor fromTyped(DType dtype, Shape shape, TensorProto p, String name) {
        int n = (int) shape.size();
        int count = switch (dtype) {
            case FLOAT32 -> p.getFloatDataCount();
            case FLOAT64 -> p.getDoubleDataCount();
            case INT64 -> p.getInt64DataCount();
            case UINT32, UINT64 -> p.getUint64DataCount();
            case STRING -> p.getStringDataCount();
            default -> p.getInt32DataCount();
        };
        int expected = dtype.bits() == 4 ? (n + 1) / 2 : dtype.bits() == 2 ? (n + 3) / 4 : n;
        if (count != expected) {
            throw new ModelLoadException("Tensor '" + name + "' of type " + dtype + " and shape " + shape
                    + " needs " + expected + " values, got " + count);
        }
        Object data = Tensor.allocate(dtype, n);
        switch (dtype) {
            case FLOAT32 -> { float[] d = (float[]) data; for (int i = 0; i < n; i++) d[i] = p.getFloatData(i); }
            case FLOAT64 -> { double[] d = (double[]) data; for (int i = 0; i < n; i++) d[i] = p.getDoubleData(i); }
            case INT64 -> { long[] d = (long[]) data; for (int i = 0; i < n; i++) d[i] = p.getInt64Data(i); }
            case UINT64 -> { long[] d = (long[]) data; for (int i = 0; i < n; i++) d[i] = p.getUint64Data(i); }
            case UINT32 -> { int[] d = (int[]) data; for (int i = 0; i < n; i++) d[i] = (int) p.getUint64Data(i); }
            case INT32 -> { int[] d = (int[]) data; for (int i = 0; i < n; i++) d[i] = p.getInt32Data(i); }
            case STRING -> {
                String[] d = (String[]) data;
                for (int i = 0; i < n; i++) d[i] = p.getStringData(i).toString(StandardCharsets.UTF_8);
            }
            case BOOL -> { boolean[] d = (boolean[]) data; for (int i = 0; i < n; i++) d[i] = p.getInt32Data(i) != 0; }
            default -> {
                if (dtype.storage() == DType.Storage.SHORT) {
                    short[] d = (short[]) data;
                    for (int i = 0; i < n; i++) d[i] = (short) p.getInt32Data(i);
                } else if (dtype.bits() < 8) {
                    unpack(dtype, n, p::getInt32Data, (byte[]) data);
                } else {
                    byte[] d = (byte[]) data;
                    for (int i = 0; i < n; i++) d[i] = (byte) p.getInt32Data(i);
                }
            }
        }
        return Tensor.wrap(dtype, shape, data);
    }

    /** Encodes a tensor as a {@code TensorProto} with raw_data (string_data for strings). */
    public static TensorProto encode(Tensor t, String name) {
        TensorProto.Builder b = TensorProto.newBuilder().setDataType(t.dtype().onnxCode());
        if (name != null) b.setName(name);
        for (long d : t.shape().dims()) b.addDims(d);
        int n = t.size();
        DType dtype = t.dtype();
        if (dtype == DType.STRING) {
            for (String s : t.strings()) b.addStringData(ByteString.copyFromUtf8(s));
            return b.build();
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(packedBytes(dtype, n))).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype.bits() >= 8) {
            TensorBytes.write(t, buf);
        } else {
            byte[] d = t.bytes();
            int bits = dtype.bits();
            int perByte = 8 / bits;
            int mask = (1 << bits) - 1;
            for (int i = 0; i < n; i++) {
                int at = i / perByte;
                buf.put(at, (byte) (buf.get(at) | ((d[i] & mask) << ((i % perByte) * bits))));
            }
        }
        b.setRawData(ByteString.copyFrom(buf.array()));
        return b.build();
    }
}
