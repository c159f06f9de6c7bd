package dev.kiln.ops.imagecodec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WebpLossyTest {

    /** A RIFF/WEBP file of the given chunks (fourcc, payload). */
    private static byte[] riff(Object... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < chunks.length; i += 2) {
            byte[] p = (byte[]) chunks[i + 1];
            body.writeBytes(((String) chunks[i]).getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(le32(p.length));
            body.writeBytes(p);
            if ((p.length & 1) == 1) body.write(0);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(b.length));
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    @Test
    void findsTheVp8ChunkInSimpleAndExtendedFiles() {
        byte[] vp8 = {1, 2, 3};
        assertArrayEquals(vp8, WebpLossy.vp8Payload(riff("VP8 ", vp8)));
        // extended: VP8X without the animation flag, an odd-sized ALPH chunk before the frame
        assertArrayEquals(vp8, WebpLossy.vp8Payload(riff("VP8X", new byte[10], "ALPH", new byte[5], "VP8 ", vp8)));
    }

    @Test
    void leavesLosslessAnimatedAndBrokenFilesToTheReader() {
        assertNull(WebpLossy.vp8Payload(riff("VP8L", new byte[4])));
        byte[] animated = new byte[10];
        animated[0] = 0x02;
        assertNull(WebpLossy.vp8Payload(riff("VP8X", animated, "VP8 ", new byte[4])));
        byte[] truncated = riff("VP8 ", new byte[8]);
        assertNull(WebpLossy.vp8Payload(Arrays.copyOf(truncated, truncated.length - 2)));
        assertNull(WebpLossy.decode(riff("VP8 ", new byte[] {1, 2, 3})), "not a key frame header");
    }

    @Test
    void fancyUpsamplingWeighsTheNearerSamplesMore() {
        // one chroma row [0, 160] under a 4 x 1 image: the inner pixels take 1/4 and 3/4 of the step
        assertArrayEquals(new int[] {0, 40, 120, 160}, WebpLossy.upsample(new int[] {0, 160}, 4, 1));
        // two chroma rows [0], [160] under a 1 x 4 image: rows 1 and 2 lie between them
        assertArrayEquals(new int[] {0, 40, 120, 160}, WebpLossy.upsample(new int[] {0, 160}, 1, 4));
        // a 3 x 3 image over 2 x 2 chroma: the centre pixel weighs 9:3:3:1 toward its nearest sample
        int[] c = {0, 0, 0, 160};
        int[] up = WebpLossy.upsample(c, 3, 3);
        // row 1 sits between chroma rows 0 and 1, nearer row 0; column 1 nearer column 0:
        // (9 * 0 + 3 * 0 + 3 * 0 + 1 * 160) / 16 = 10; column 2 nearer column 1: 3 * 160 / 16 = 30
        assertArrayEquals(new int[] {0, 0, 0}, Arrays.copyOfRange(up, 0, 3));
        assertArrayEquals(new int[] {0, 10, 30}, Arrays.copyOfRange(up, 3, 6));
    }

    @Test
    void convertsWithTheFixedPointBt601Coefficients() {
        // studio-range gray 128 with neutral chroma is full-range 130; black 16 is 0, white 235 is 255
        Pixels p = WebpLossy.toRgb(3, 1, new int[] {128, 16, 235}, new int[] {128, 128}, new int[] {128, 128});
        assertArrayEquals(new byte[] {(byte) 130, (byte) 130, (byte) 130, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255},
                p.data());
    }
}
