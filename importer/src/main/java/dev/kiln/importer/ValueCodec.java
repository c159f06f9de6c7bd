package dev.kiln.importer;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.kiln.runtime.ModelLoadException;
import dev.kiln.runtime.graph.ValueType;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.OptionalValue;
import dev.kiln.runtime.tensor.SequenceValue;
import dev.kiln.runtime.tensor.Tensor;
import dev.kiln.runtime.tensor.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import onnx.OnnxData.OptionalProto;
import onnx.OnnxData.SequenceProto;
import onnx.OnnxMl.TensorProto;

/**
 * Reads and writes serialized values: {@code TensorProto}, {@code SequenceProto} and
 * {@code OptionalProto}, the formats of the ONNX backend test data.
 */
public final class ValueCodec {
    private ValueCodec() {}

    /** Reads a {@code .pb} file whose message type follows {@code type}. */
    public static Value read(Path file, ValueType type) {
        try {
            return parse(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses bytes whose message type follows {@code type} (tensor when unknown). */
    public static Value parse(byte[] bytes, ValueType type) {
        try {
            return switch (type == null ? ValueType.Kind.TENSOR : type.kind()) {
                case SEQUENCE -> decode(SequenceProto.parseFrom(bytes));
                case OPTIONAL -> decode(OptionalProto.parseFrom(bytes));
                default -> TensorCodec.decode(TensorProto.parseFrom(bytes));
            };
        } catch (InvalidProtocolBufferException e) {
            throw new ModelLoadException("Corrupt value file: " + e.getMessage(), e);
        }
    }

    /** Decodes a sequence of tensors, sequences or optionals. */
    public static SequenceValue decode(SequenceProto p) {
        List<Value> out = new ArrayList<>();
        DType elem = null;
        for (TensorProto t : p.getTensorValuesList()) {
            Tensor tensor = TensorCodec.decode(t);
            elem = tensor.dtype();
            out.add(tensor);
        }
        for (SequenceProto s : p.getSequenceValuesList()) out.add(decode(s));
        for (OptionalProto o : p.getOptionalValuesList()) out.add(decode(o));
        if (p.getMapValuesCount() > 0 || p.getSparseTensorValuesCount() > 0) {
            throw new ModelLoadException("Sequences of maps or sparse tensors are not supported");
        }
        return new SequenceValue(out, elem);
    }

    /** Decodes an optional; one with only a name and elem_type is empty. */
    public static OptionalValue decode(OptionalProto p) {
        if (p.hasTensorValue()) return new OptionalValue(TensorCodec.decode(p.getTensorValue()));
        if (p.hasSequenceValue()) return new OptionalValue(decode(p.getSequenceValue()));
        if (p.hasOptionalValue()) return new OptionalValue(decode(p.getOptionalValue()));
        return OptionalValue.empty();
    }

    /** Encodes a value as the bytes of the matching message. */
    public static byte[] encode(Value v, String name) {
        if (v instanceof Tensor t) return TensorCodec.encode(t, name).toByteArray();
        if (v instanceof SequenceValue s) return encodeSequence(s, name).toByteArray();
        return encodeOptional((OptionalValue) v, name).toByteArray();
    }

    private static SequenceProto encodeSequence(SequenceValue s, String name) {
        SequenceProto.Builder b = SequenceProto.newBuilder();
        if (name != null) b.setName(name);
        b.setElemType(SequenceProto.DataType.TENSOR_VALUE);
        for (Value e : s.elements()) {
            if (e instanceof Tensor t) b.addTensorValues(TensorCodec.encode(t, null));
            else if (e instanceof SequenceValue inner) {
                b.setElemType(SequenceProto.DataType.SEQUENCE_VALUE).addSequenceValues(encodeSequence(inner, null));
            } else {
                b.setElemType(SequenceProto.DataType.OPTIONAL_VALUE)
                        .addOptionalValues(encodeOptional((OptionalValue) e, null));
            }
        }
        return b.build();
    }

    private static OptionalProto encodeOptional(OptionalValue o, String name) {
        OptionalProto.Builder b = OptionalProto.newBuilder();
        if (name != null) b.setName(name);
        Value v = o.value();
        if (v instanceof Tensor t) b.setElemType(OptionalProto.DataType.TENSOR_VALUE).setTensorValue(TensorCodec.encode(t, null));
        else if (v instanceof SequenceValue s) {
            b.setElemType(OptionalProto.DataType.SEQUENCE_VALUE).setSequenceValue(encodeSequence(s, null));
        } else if (v instanceof OptionalValue inner) {
            b.setElemType(OptionalProto.DataType.OPTIONAL_VALUE).setOptionalValue(encodeOptional(inner, null));
        }
        return b.build();
    }
}
