package dev.kiln.ops.imagecodec;

/**
 * A decoded 8-bit image, channel-last.
 *
 * @param height rows
 * @param width columns
 * @param channels 1 (gray) or 3 (R, G, B)
 * @param data height * width * channels samples, row-major
 */
record Pixels(int height, int width, int channels, byte[] data) {
    /** This image as R, G, B. */
    Pixels toRgb() {
        if (channels == 3) return this;
        byte[] rgb = new byte[height * width * 3];
        for (int i = 0; i < height * width; i++) {
            rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = data[i];
        }
        return new Pixels(height, width, 3, rgb);
    }

    /** This image as B, G, R. */
    Pixels toBgr() {
        Pixels rgb = toRgb();
        byte[] bgr = new byte[rgb.data.length];
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = rgb.data[i + 2];
            bgr[i + 1] = rgb.data[i + 1];
            bgr[i + 2] = rgb.data[i];
        }
        return new Pixels(height, width, 3, bgr);
    }

    /** This image as one gray channel: ITU-R 601-2 luma, L = 0.299 R + 0.587 G + 0.114 B, rounded. */
    Pixels toGray() {
        if (channels == 1) return this;
        byte[] gray = new byte[height * width];
        for (int i = 0; i < gray.length; i++) {
            int r = data[3 * i] & 0xff;
            int g = data[3 * i + 1] & 0xff;
            int b = data[3 * i + 2] & 0xff;
            gray[i] = (byte) ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
        }
        return new Pixels(height, width, 1, gray);
    }
}
