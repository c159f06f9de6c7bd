package dev.kiln.ops.imagecodec;

/**
 * A decoder for the Netpbm formats: P1/P4 (bitmap, 1 = black), P2/P5 (gray), P3/P6 (RGB), in
 * ASCII (P1-P3) or binary (P4-P6), with samples scaled from [0, maxval] to [0, 255].
 */
final class Pnm {
    private final byte[] in;
    private int pos;

    private Pnm(byte[] in) {
        this.in = in;
    }

    /** Whether the bytes start with a Netpbm magic number P1..P6. */
    static boolean matches(byte[] b) {
        return b.length >= 2 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6';
    }

    /** Decodes a Netpbm image; malformed input throws IllegalArgumentException. */
    static Pixels decode(byte[] bytes) {
        return new Pnm(bytes).read();
    }

    private Pixels read() {
        int kind = in[1] - '0';
        pos = 2;
        int width = header();
        int height = header();
        int maxval = kind == 1 || kind == 4 ? 1 : header();
        if (width < 1 || height < 1 || maxval < 1 || maxval > 65535) {
            throw new IllegalArgumentException("bad Netpbm header: " + width + "x" + height + ", maxval " + maxval);
        }
        int channels = kind == 3 || kind == 6 ? 3 : 1;
        long count = (long) width * height * channels;
        if (count > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Netpbm image too large");
        byte[] out = new byte[(int) count];
        if (kind == 4) {
            pos++;   // the single whitespace after the header
            int rowBytes = (width + 7) / 8;
            need((long) rowBytes * height);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int bit = (in[pos + y * rowBytes + x / 8] >> (7 - x % 8)) & 1;
                    out[y * width + x] = (byte) (bit == 1 ? 0 : 255);
                }
            }
        } else if (kind >= 5) {
            pos++;
            int size = maxval < 256 ? 1 : 2;
            need(count * size);
            for (int i = 0; i < count; i++) {
                int v = size == 1 ? in[pos + i] & 0xff : ((in[pos + 2 * i] & 0xff) << 8) | (in[pos + 2 * i + 1] & 0xff);
                out[i] = scale(v, maxval);
            }
        } else {
            for (int i = 0; i < count; i++) {
                if (kind == 1) {
                    skipSpace();
                    need(1);
                    int bit = in[pos++] - '0';
                    if (bit != 0 && bit != 1) throw new IllegalArgumentException("bad PBM digit");
                    out[i] = (byte) (bit == 1 ? 0 : 255);
                } else {
                    out[i] = scale(header(), maxval);
                }
            }
        }
        return new Pixels(height, width, channels, out);
    }

    private static byte scale(int v, int maxval) {
        if (v > maxval) throw new IllegalArgumentException("Netpbm sample " + v + " above maxval " + maxval);
        return (byte) (maxval == 255 ? v : (v * 255 + maxval / 2) / maxval);
    }

    private void need(long n) {
        if (pos + n > in.length) throw new IllegalArgumentException("Netpbm data is truncated");
    }

    private void skipSpace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b == '#') {
                while (pos < in.length && in[pos] != '\n' && in[pos] != '\r') pos++;
            } else if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c) {
                pos++;
            } else {
                return;
            }
        }
    }

    // A decimal number after whitespace and comments.
    private int header() {
        skipSpace();
        long v = 0;
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            v = v * 10 + (in[pos++] - '0');
            if (v > Integer.MAX_VALUE) throw new IllegalArgumentException("Netpbm number too large");
        }
        if (pos == start) throw new IllegalArgumentException("Netpbm header: expected a number at byte " + pos);
        return (int) v;
    }
}
