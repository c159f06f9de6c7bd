package dev.kiln.ops.imagecodec;

import com.twelvemonkeys.imageio.plugins.webp.vp8.VP8Frame;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageReadParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Lossy WebP (a VP8 key frame) to RGB the way libwebp, the reference decoder behind Pillow and
 * OpenCV, outputs it by default. TwelveMonkeys' VP8 decoder reconstructs the Y, U and V planes;
 * its own RGB output repeats each chroma sample over 2 x 2 pixels, while libwebp interpolates
 * chroma ("fancy upsampling") and converts with 14-bit fixed-point BT.601 coefficients. The
 * planes are read back through {@link VP8Frame}'s public plane images, and the output stage is
 * done here.
 *
 * <p>Fancy upsampling: an output pixel takes its chroma from the four nearest chroma samples
 * with weights 9/16 (nearest), 3/16, 3/16 and 1/16, computed in two rounded stages; the first
 * and last columns and rows, which have neighbours on one side only, use 3/4 and 1/4. Output row
 * 0 uses chroma row 0; rows 2k-1 and 2k use chroma rows k-1 and k (the first nearer to row k-1);
 * a last row without a partner uses the last chroma row.
 *
 * <p>The conversion, with y, u, v in 0..255: {@code R = clip((19077 y >> 8) + (26149 v >> 8) - 14234)},
 * {@code G = clip((19077 y >> 8) - (6419 u >> 8) - (13320 v >> 8) + 8708)},
 * {@code B = clip((19077 y >> 8) + (33050 u >> 8) - 17685)}, where {@code clip} divides by 64
 * and saturates to 0..255.
 */
final class WebpLossy {
    private WebpLossy() {}

    /**
     * The image, or null when {@code webp} is not a still lossy WebP image or the planes cannot be
     * read (another TwelveMonkeys version, a corrupt stream); the caller then falls back to the
     * WebP {@code ImageReader}.
     */
    static Pixels decode(byte[] webp) {
        byte[] vp8 = vp8Payload(webp);
        if (vp8 == null || vp8.length < 10) return null;
        // key frame: bit 0 of the frame tag clear, then the start code 9d 01 2a and 14-bit sizes
        if ((vp8[0] & 1) != 0 || (vp8[3] & 0xff) != 0x9d || vp8[4] != 0x01 || vp8[5] != 0x2a) return null;
        int w = ((vp8[6] & 0xff) | (vp8[7] & 0xff) << 8) & 0x3fff;
        int h = ((vp8[8] & 0xff) | (vp8[9] & 0xff) << 8) & 0x3fff;
        if (w == 0 || h == 0) return null;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(vp8))) {
            VP8Frame frame = new VP8Frame(in, false);
            WritableRaster scratch = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 3, null);
            if (!frame.decode(scratch, new ImageReadParam()) || frame.getWidth() != w || frame.getHeight() != h) {
                return null;
            }
            int cw = (w + 1) / 2, ch = (h + 1) / 2;
            int[] y = plane(frame.getDebugImageYBuffer(), w, h, 1);
            // the chroma images repeat every sample over 2 x 2 pixels
            int[] u = plane(frame.getDebugImageUBuffer(), cw, ch, 2);
            int[] v = plane(frame.getDebugImageVBuffer(), cw, ch, 2);
            if (y == null || u == null || v == null) return null;
            return toRgb(w, h, y, u, v);
        } catch (IOException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Samples (x * step, y * step) of band 0 of {@code img}, or null when it is too small. */
    private static int[] plane(BufferedImage img, int w, int h, int step) {
        if (img == null || img.getWidth() < (w - 1) * step + 1 || img.getHeight() < (h - 1) * step + 1) return null;
        Raster r = img.getRaster();
        int[] p = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) p[y * w + x] = r.getSample(x * step, y * step, 0);
        }
        return p;
    }

    /**
     * The payload of the {@code VP8 } chunk of a simple or extended (not animated) WebP file, or
     * null (lossless {@code VP8L}, animation, a malformed container).
     */
    static byte[] vp8Payload(byte[] b) {
        if (b.length < 20 || !tag(b, 0, "RIFF") || !tag(b, 8, "WEBP")) return null;
        int at = 12;
        while (at + 8 <= b.length) {
            long size = (b[at + 4] & 0xffL) | (b[at + 5] & 0xffL) << 8 | (b[at + 6] & 0xffL) << 16 | (b[at + 7] & 0xffL) << 24;
            int body = at + 8;
            if (size > b.length - body) return null;
            if (tag(b, at, "VP8 ")) return Arrays.copyOfRange(b, body, body + (int) size);
            if (tag(b, at, "VP8L") || tag(b, at, "ANIM") || tag(b, at, "ANMF")) return null;
            if (tag(b, at, "VP8X") && size > 0 && (b[body] & 0x02) != 0) return null; // animation flag
            at = body + (int) size + (int) (size & 1);
        }
        return null;
    }

    private static boolean tag(byte[] b, int at, String fourcc) {
        for (int i = 0; i < 4; i++) if (b[at + i] != fourcc.charAt(i)) return false;
        return true;
    }

    /**
     * Y (h, w), U and V ((h + 1) / 2, (w + 1) / 2), all 0..255, to interleaved R, G, B with fancy
     * chroma upsampling (see the class comment).
     */
    static Pixels toRgb(int w, int h, int[] y, int[] u, int[] v) {
        int[] fullU = upsample(u, w, h), fullV = upsample(v, w, h);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int luma = (y[i] * 19077) >> 8, cu = fullU[i], cv = fullV[i];
            rgb[3 * i] = (byte) clip(luma + ((cv * 26149) >> 8) - 14234);
            rgb[3 * i + 1] = (byte) clip(luma - ((cu * 6419) >> 8) - ((cv * 13320) >> 8) + 8708);
            rgb[3 * i + 2] = (byte) clip(luma + ((cu * 33050) >> 8) - 17685);
        }
        return new Pixels(h, w, 3, rgb);
    }

    /** A chroma plane ((h + 1) / 2, (w + 1) / 2) upsampled to (h, w) (see the class comment). */
    static int[] upsample(int[] c, int w, int h) {
        int cw = (w + 1) / 2, ch = (h + 1) / 2;
        int[] out = new int[w * h];
        for (int row = 0; row < h; row++) {
            // the chroma rows around this output row, and whether it sits nearer the upper one
            int k = (row + 1) / 2;
            int upper = Math.max(k - 1, 0) * cw, lower = Math.min(k, ch - 1) * cw;
            boolean nearUpper = (row & 1) == 1 || row == 0;
            int near = nearUpper ? upper : lower, far = nearUpper ? lower : upper;
            for (int x = 0; x < w; x++) out[row * w + x] = chroma(c, cw, w, x, near, far);
        }
        return out;
    }

    /** The chroma of output column x from the nearer chroma row and the farther one (offsets). */
    private static int chroma(int[] c, int cw, int w, int x, int near, int far) {
        if (x == 0 || (x == w - 1 && (w & 1) == 0)) {
            // one chroma column: 3/4 of the nearer row, 1/4 of the farther
            int col = x == 0 ? 0 : cw - 1;
            return (3 * c[near + col] + c[far + col] + 2) >> 2;
        }
        // pixels 2j-1 and 2j lie between chroma columns j-1 and j
        int j = (x + 1) / 2;
        int nearCol = (x & 1) == 1 ? j - 1 : j;
        int farCol = (x & 1) == 1 ? j : j - 1;
        int a = c[near + nearCol]; // the nearest sample, weight 9
        int b = c[near + farCol]; // same row, weight 3
        int d = c[far + nearCol]; // same column, weight 3
        int e = c[far + farCol]; // diagonal, weight 1
        int diagonal = (a + b + d + e + 8 + 2 * (b + d)) >> 3; // (a + 3b + 3d + e + 8) / 8
        return (diagonal + a) >> 1;
    }

    /** A 14-bit fixed-point value (6 fraction bits) to 0..255, saturating. */
    private static int clip(int v) {
        return (v & ~16383) == 0 ? v >> 6 : v < 0 ? 0 : 255;
    }
}
