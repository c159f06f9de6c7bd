package dev.kiln.ops.imagecodec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PnmTest {

    @Test
    void asciiPixmapIsScaledFromMaxval() {
        byte[] ppm = "P3\n# comment\n2 1\n15\n15 0 5  0 15 10\n".getBytes(StandardCharsets.US_ASCII);
        Pixels p = Pnm.decode(ppm);
        assertEquals(1, p.height());
        assertEquals(2, p.width());
        // v * 255 / 15, rounded: 15 -> 255, 5 -> 85, 10 -> 170
        assertArrayEquals(new byte[] {(byte) 255, 0, 85, 0, (byte) 255, (byte) 170}, p.data());
    }

    @Test
    void binaryBitmapHasBlackOnes() {
        byte[] header = "P4 3 2\n".getBytes(StandardCharsets.US_ASCII);
        byte[] pbm = new byte[header.length + 2];
        System.arraycopy(header, 0, pbm, 0, header.length);
        pbm[header.length] = (byte) 0b1010_0000;
        pbm[header.length + 1] = (byte) 0b0100_0000;
        Pixels p = Pnm.decode(pbm);
        assertArrayEquals(new byte[] {0, (byte) 255, 0, (byte) 255, 0, (byte) 255}, p.data());
        byte[] rgb = p.toRgb().data();
        assertEquals(18, rgb.length);
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255},
                Arrays.copyOf(rgb, 6), "gray to RGB");
    }

    @Test
    void truncatedDataIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Pnm.decode("P6 2 2 255\nabc".getBytes(StandardCharsets.US_ASCII)));
    }
}
