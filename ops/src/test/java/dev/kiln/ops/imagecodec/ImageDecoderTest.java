package dev.kiln.ops.imagecodec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;
import dev.kiln.runtime.graph.Attributes;
import dev.kiln.runtime.graph.Node;
import dev.kiln.runtime.tensor.DType;
import dev.kiln.runtime.tensor.Shape;
import dev.kiln.runtime.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    /** A 5 x 3 RGB image whose every sample differs. */
    private static BufferedImage sample() {
        BufferedImage img = new BufferedImage(5, 3, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) img.setRGB(x, y, (x * 50) << 16 | (y * 100 + x) << 8 | (255 - x * y * 10));
        }
        return img;
    }

    private static byte[] expectedRgb(BufferedImage img) {
        byte[] rgb = new byte[img.getWidth() * img.getHeight() * 3];
        for (int y = 0, at = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++, at += 3) {
                int p = img.getRGB(x, y);
                rgb[at] = (byte) (p >> 16);
                rgb[at + 1] = (byte) (p >> 8);
                rgb[at + 2] = (byte) p;
            }
        }
        return rgb;
    }

    private static Tensor decode(byte[] bytes) {
        Node node = new Node("n", "", "ImageDecoder", List.of("x"), List.of("y"), new Attributes(List.of()));
        Tensor in = Tensor.wrap(DType.UINT8, Shape.of(bytes.length), bytes);
        return (Tensor) new ImageDecoder(node).forward(new Tensor[] {in}, null)[0];
    }

    @Test
    void losslessJpeg2000DecodesExactly() throws IOException {
        BufferedImage img = sample();
        ImageWriter writer = new J2KImageWriterSpi().createWriterInstance();
        J2KImageWriteParam param = new J2KImageWriteParam();
        param.setLossless(true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        Tensor y = decode(bytes.toByteArray());
        assertEquals(Shape.of(3, 5, 3), y.shape());
        assertArrayEquals(expectedRgb(img), y.bytes());
    }

    @Test
    void pluginReadersAreCreatedWithoutTheServiceLoader() throws IOException {
        assertTrue(ImageReaders.hasWebp());
        assertTrue(ImageReaders.hasJpeg2000());
        ImageReader webp = ImageReaders.webp();
        byte[] header = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L'};
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(header))) {
            assertTrue(webp.getOriginatingProvider().canDecodeInput(in));
        } finally {
            webp.dispose();
        }
    }

    @Test
    void formatsTheJdkReadsStayWithTheJdkReader() throws IOException {
        // jai-imageio-core, on the class path with the JPEG 2000 reader, has BMP and TIFF readers too
        for (String format : new String[] {"bmp", "tiff", "png"}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(sample(), format, bytes), format);
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                ImageReader r = ImageReaders.forStream(in);
                assertNotNull(r, format);
                assertEquals("java.desktop", r.getOriginatingProvider().getClass().getModule().getName(), format);
                r.dispose();
            }
            assertArrayEquals(expectedRgb(sample()), decode(bytes.toByteArray()).bytes(), format);
        }
    }
}
