package dev.kiln.runtime.tensor;

/**
 * Element types of ONNX tensors, with their {@code TensorProto.DataType} code and the Java
 * storage used for them.
 *
 * <p>Storage: float32 → {@code float[]}, float64 → {@code double[]}, int64/uint64 →
 * {@code long[]}, int32/uint32 → {@code int[]}, int16/uint16/float16/bfloat16 → {@code short[]}
 * (raw bits for the float types), int8/uint8 → {@code byte[]}, bool → {@code boolean[]},
 * string → {@code String[]}. The narrow types (float8, int4, int2, float4) keep one raw code per
 * element in a {@code byte[]}; unsigned types store their bit pattern.
 */
public enum DType {
    FLOAT32(1, "float32", Storage.FLOAT, 32, true),
    UINT8(2, "uint8", Storage.BYTE, 8, false),
    INT8(3, "int8", Storage.BYTE, 8, false),
    UINT16(4, "uint16", Storage.SHORT, 16, false),
    INT16(5, "int16", Storage.SHORT, 16, false),
    INT32(6, "int32", Storage.INT, 32, false),
    INT64(7, "int64", Storage.LONG, 64, false),
    STRING(8, "string", Storage.STRING, 0, false),
    BOOL(9, "bool", Storage.BOOL, 8, false),
    FLOAT16(10, "float16", Storage.SHORT, 16, true),
    FLOAT64(11, "float64", Storage.DOUBLE, 64, true),
    UINT32(12, "uint32", Storage.INT, 32, false),
    UINT64(13, "uint64", Storage.LONG, 64, false),
    COMPLEX64(14, "complex64", Storage.NONE, 64, false),
    COMPLEX128(15, "complex128", Storage.NONE, 128, false),
    BFLOAT16(16, "bfloat16", Storage.SHORT, 16, true),
    FLOAT8E4M3FN(17, "float8e4m3fn", Storage.BYTE, 8, true),
    FLOAT8E4M3FNUZ(18, "float8e4m3fnuz", Storage.BYTE, 8, true),
    FLOAT8E5M2(19, "float8e5m2", Storage.BYTE, 8, true),
    FLOAT8E5M2FNUZ(20, "float8e5m2fnuz", Storage.BYTE, 8, true),
    UINT4(21, "uint4", Storage.BYTE, 4, false),
    INT4(22, "int4", Storage.BYTE, 4, false),
    FLOAT4E2M1(23, "float4e2m1", Storage.BYTE, 4, true),
    FLOAT8E8M0(24, "float8e8m0", Storage.BYTE, 8, true),
    UINT2(25, "uint2", Storage.BYTE, 2, false),
    INT2(26, "int2", Storage.BYTE, 2, false);

    /** How elements are held in Java. */
    public enum Storage { FLOAT, DOUBLE, LONG, INT, SHORT, BYTE, BOOL, STRING, NONE }

    private final int onnxCode;
    private final String displayName;
    private final Storage storage;
    private final int bits;
    private final boolean floatingPoint;

    DType(int onnxCode, String displayName, Storage storage, int bits, boolean floatingPoint) {
        this.onnxCode = onnxCode;
        this.displayName = displayName;
        this.storage = storage;
        this.bits = bits;
        this.floatingPoint = floatingPoint;
    }

    /** The {@code TensorProto.DataType} number. */
    public int onnxCode() { return onnxCode; }

    /** The Java storage of elements of this type. */
    public Storage storage() { return storage; }

    /** Bits per element in the ONNX wire format (0 for strings). */
    public int bits() { return bits; }

    /** True for every floating-point type, narrow ones included. */
    public boolean isFloatingPoint() { return floatingPoint; }

    /** True for the signed and unsigned integer types (not bool). */
    public boolean isInteger() {
        return !floatingPoint && this != BOOL && this != STRING && storage != Storage.NONE;
    }

    /** True for the unsigned integer types. */
    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64
                || this == UINT4 || this == UINT2;
    }

    /** True for the types kept as one raw code per byte (float8, int4, int2, float4). */
    public boolean isNarrow() {
        return storage == Storage.BYTE && this != UINT8 && this != INT8;
    }

    /** Whether Kiln can hold tensors of this type. */
    public boolean isSupported() { return storage != Storage.NONE; }

    /** The type with the given {@code TensorProto.DataType} code. */
    public static DType fromOnnx(int code) {
        for (DType t : values()) {
            if (t.onnxCode == code) return t;
        }
        throw new IllegalArgumentException("Unknown ONNX tensor element type code " + code);
    }

    @Override
    public String toString() { return displayName; }
}
