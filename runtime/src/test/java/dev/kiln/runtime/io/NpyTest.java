package dev.kiln.runtime.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NpyTest {
    @Test
    void roundTripsEveryWritableType() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.INT8, DType.INT16,
                DType.INT32, DType.INT64, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64, DType.BOOL}) {
            Tensor x = Tensor.zeros(t, Shape.of(2, 3));
            for (int i = 0; i < 6; i++) x.setDouble(i, i % 2 == 0 ? i : 0);
            byte[] bytes = Npy.toBytes(x);
            int dataBytes = 6 * (t == DType.BOOL ? 1 : t.bits() / 8);
            assertEquals(0, (bytes.length - dataBytes) % 64, "header is padded to 64 bytes");
            Tensor y = Npy.parse(bytes);
            assertEquals(t, y.dtype());
            assertEquals(x.shape(), y.shape());
            assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0.0, t.toString());
        }
    }

    @Test
    void scalarsAndVectorsKeepTheirShape() {
        assertEquals(Shape.SCALAR, Npy.parse(Npy.toBytes(Tensor.scalar(2f))).shape());
        assertEquals(Shape.of(3), Npy.parse(Npy.toBytes(Tensor.of(new float[3], 3))).shape());
    }

    @Test
    void readsHandWrittenHeader() {
        String header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }";
        header = header + " ".repeat(128 - 10 - header.length() - 1) + "\n";
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = new byte[10 + h.length + 8];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) h.length, 0};
        System.arraycopy(magic, 0, file, 0, 10);
        System.arraycopy(h, 0, file, 10, h.length);
        file[10 + h.length] = 7;
        file[14 + h.length] = (byte) 0xff;
        file[15 + h.length] = (byte) 0xff;
        file[16 + h.length] = (byte) 0xff;
        file[17 + h.length] = (byte) 0xff;
        assertArrayEquals(new int[] {7, -1}, Npy.parse(file).ints());
    }

    @Test
    void corruptFilesGiveClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> Npy.parse(new byte[3]));
        byte[] ok = Npy.toBytes(Tensor.of(new float[] {1, 2, 3}, 3));
        byte[] truncated = java.util.Arrays.copyOf(ok, ok.length - 4);
        assertThrows(IllegalArgumentException.class, () -> Npy.parse(truncated));
    }
}
