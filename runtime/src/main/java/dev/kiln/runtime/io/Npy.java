package dev.kiln.runtime.io;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes numpy {@code .npy} files (format 1.0–3.0, C order) for float32/64, float16,
 * int8/16/32/64, uint8/16/32/64 and bool.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Reads a {@code .npy} file. */
    public static Tensor read(Path file) throws IOException {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** Parses the bytes of a {@code .npy} file. */
    public static Tensor parse(byte[] bytes) {
        if (bytes.length < 10) throw new IllegalArgumentException("not a .npy file (too short)");
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) throw new IllegalArgumentException("not a .npy file (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int start;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new IllegalArgumentException("truncated .npy header");
            headerLen = b.getInt(8);
            start = 12;
        } else {
            throw new IllegalArgumentException("unsupported .npy version " + major);
        }
        if (headerLen < 0 || start + headerLen > bytes.length) throw new IllegalArgumentException("truncated .npy header");
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, "descr");
        if (find(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : find(SHAPE, header, "shape").split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            try {
                dims.add(Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad shape entry '" + p + "' in .npy header");
            }
        }
        long[] d = dims.stream().mapToLong(Long::longValue).toArray();
        Shape shape = Shape.of(d);
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        DType dtype = dtypeOf(descr.replaceAll("^[<>|=]", ""));
        int n = shape.sizeInt();
        int width = TensorBytes.width(dtype);
        int offset = start + headerLen;
        if ((long) n * width > bytes.length - offset) {
            throw new IllegalArgumentException("data is shorter than shape " + shape + " of " + dtype + " needs");
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, offset, bytes.length - offset).slice().order(order);
        Object arr = TensorBytes.read(dtype, n, data);
        return Tensor.wrap(dtype, shape, arr);
    }

    private static String find(Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) throw new IllegalArgumentException(".npy header has no '" + key + "': " + header.strip());
        return m.group(1);
    }

    private static DType dtypeOf(String code) {
        return switch (code) {
            case "f4" -> DType.FLOAT32;
            case "f8" -> DType.FLOAT64;
            case "f2" -> DType.FLOAT16;
            case "i1" -> DType.INT8;
            case "i2" -> DType.INT16;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "u1" -> DType.UINT8;
            case "u2" -> DType.UINT16;
            case "u4" -> DType.UINT32;
            case "u8" -> DType.UINT64;
            case "b1" -> DType.BOOL;
            default -> throw new IllegalArgumentException("unsupported numpy dtype '" + code + "'");
        };
    }

    private static String descrOf(DType t) {
        return switch (t) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case FLOAT16 -> "<f2";
            case INT8 -> "|i1";
            case INT16 -> "<i2";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case UINT8 -> "|u1";
            case UINT16 -> "<u2";
            case UINT32 -> "<u4";
            case UINT64 -> "<u8";
            case BOOL -> "|b1";
            default -> throw new IllegalArgumentException("cannot write " + t + " tensors as .npy");
        };
    }

    /** The bytes of a {@code .npy} (version 1.0) file holding {@code t}. */
    public static byte[] toBytes(Tensor t) {
        StringBuilder shape = new StringBuilder("(");
        long[] dims = t.shape().dims();
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]);
            if (dims.length == 1 || i < dims.length - 1) shape.append(", ");
        }
        shape.append(')');
        String dict = "{'descr': '" + descrOf(t.dtype()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = MAGIC.length + 4 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        int hl = header.length();
        out.write(hl & 0xff);
        out.write(hl >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        int n = t.size();
        ByteBuffer b = ByteBuffer.allocate(n * TensorBytes.width(t.dtype())).order(ByteOrder.LITTLE_ENDIAN);
        TensorBytes.write(t, b);
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    /** Writes {@code t} to a {@code .npy} file. */
    public static void write(Tensor t, Path file) throws IOException {
        Files.write(file, toBytes(t));
    }
}
