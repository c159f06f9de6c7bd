package dev.kiln.ops.imagecodec;

import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.op.TensorOp;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * ImageDecoder (opset 20): decodes an encoded image (uint8 bytes) into a uint8 tensor
 * [height, width, channels] in {@code pixel_format} RGB, BGR (3 channels) or Grayscale (1 channel,
 * ITU-R 601-2 luma of the RGB image). JPEG, PNG, BMP, GIF and TIFF are decoded with the JDK's
 * {@code javax.imageio}, WebP with TwelveMonkeys' pure-Java reader (lossy images through
 * {@link WebpLossy}, whose output stage is libwebp's), JPEG 2000 with jai-imageio's (both chosen
 * explicitly by {@link ImageReaders}, not through the service loader), and the
 * Netpbm formats (PBM, PGM, PPM) here. A stream that cannot be decoded gives an empty
 * [0, 0, channels] tensor, as the ONNX definition says; WebP or JPEG 2000 with its reader's jar
 * left off the class path raises {@link UnsupportedOperationException}.
 */
public final class ImageDecoder extends TensorOp {
    private enum Format { RGB, BGR, GRAYSCALE }

    private final Format format;

    public ImageDecoder(Node node) {
        String f = node.attributes().getString("pixel_format", "RGB");
        format = switch (f) {
            case "RGB" -> Format.RGB;
            case "BGR" -> Format.BGR;
            case "Grayscale" -> Format.GRAYSCALE;
            default -> throw new IllegalArgumentException("attribute 'pixel_format' must be RGB, BGR or Grayscale, got '"
                    + f + "'");
        };
    }

    @Override
    protected Tensor[] compute(Tensor[] inputs) {
        // encoded: (bytes) -> image: (H, W, C)
        Tensor encoded = inputs[0];
        if (encoded.dtype() != DType.UINT8) {
            throw new IllegalArgumentException("input 'encoded_stream' must be uint8, got " + encoded.describe());
        }
        Pixels p = decode(encoded.bytes());
        int channels = format == Format.GRAYSCALE ? 1 : 3;
        if (p == null) return new Tensor[] {Tensor.zeros(DType.UINT8, Shape.of(0, 0, channels))};
        Pixels out = switch (format) {
            case RGB -> p.toRgb();
            case BGR -> p.toBgr();
            case GRAYSCALE -> p.toGray();
        };
        return new Tensor[] {Tensor.wrap(DType.UINT8, Shape.of(out.height(), out.width(), channels), out.data())};
    }

    /** The decoded image, or null when the bytes cannot be decoded. */
    private static Pixels decode(byte[] bytes) {
        if (Pnm.matches(bytes)) {
            try {
                return Pnm.decode(bytes);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        boolean webp = isWebp(bytes);
        boolean jpeg2000 = !webp && isJpeg2000(bytes);
        if (webp && !ImageReaders.hasWebp()) {
            throw new UnsupportedOperationException("ImageDecoder: WebP needs com.twelvemonkeys.imageio:imageio-webp"
                    + " on the class path");
        }
        if (jpeg2000 && !ImageReaders.hasJpeg2000()) {
            throw new UnsupportedOperationException("ImageDecoder: JPEG 2000 needs"
                    + " com.github.jai-imageio:jai-imageio-jpeg2000 on the class path");
        }
        if (webp) {
            Pixels lossy = lossyWebp(bytes);
            if (lossy != null) return lossy;
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = webp ? ImageReaders.webp()
                    : jpeg2000 ? ImageReaders.jpeg2000()
                    : ImageReaders.forStream(in);
            if (reader == null) return null;
            try {
                reader.setInput(in, true, true);
                return pixels(reader.read(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@link WebpLossy#decode}, or null when TwelveMonkeys' classes are missing or differ. */
    private static Pixels lossyWebp(byte[] bytes) {
        try {
            return WebpLossy.decode(bytes);
        } catch (LinkageError e) {
            return null;
        }
    }

    // The samples of the raster as they are stored, so gray stays gray and no color management
    // alters the values; palettes and other color spaces go through the sRGB conversion.
    private static Pixels pixels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        int csType = cm.getColorSpace().getType();
        boolean direct = !(cm instanceof IndexColorModel);
        if (direct && csType == ColorSpace.TYPE_GRAY && raster.getNumBands() <= 2) {
            return new Pixels(h, w, 1, samples(raster, w, h, 1, sampleBits(raster)));
        }
        if (direct && csType == ColorSpace.TYPE_RGB && raster.getNumBands() >= 3) {
            return new Pixels(h, w, 3, samples(raster, w, h, 3, sampleBits(raster)));
        }
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y);
                int at = (y * w + x) * 3;
                rgb[at] = (byte) (argb >> 16);
                rgb[at + 1] = (byte) (argb >> 8);
                rgb[at + 2] = (byte) argb;
            }
        }
        return new Pixels(h, w, 3, rgb);
    }

    private static int sampleBits(Raster raster) {
        return raster.getSampleModel().getSampleSize(0);
    }

    private static byte[] samples(Raster raster, int w, int h, int bands, int bits) {
        byte[] out = new byte[w * h * bands];
        long max = (1L << bits) - 1;
        int[] row = new int[w];
        for (int b = 0; b < bands; b++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, b, row);
                for (int x = 0; x < w; x++) {
                    long v = row[x] & 0xffffffffL;
                    out[(y * w + x) * bands + b] = (byte) (bits == 8 ? v : (v * 255 + max / 2) / max);
                }
            }
        }
        return out;
    }

    private static boolean isWebp(byte[] b) {
        return b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';
    }

    private static boolean isJpeg2000(byte[] b) {
        boolean box = b.length >= 12 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 12
                && b[4] == 'j' && b[5] == 'P' && b[6] == ' ' && b[7] == ' ';
        boolean codestream = b.length >= 4 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0x4F
                && (b[2] & 0xff) == 0xFF && (b[3] & 0xff) == 0x51;
        return box || codestream;
    }
}
