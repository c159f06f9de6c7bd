package dev.kiln.ops.imagecodec;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Chooses the {@link ImageReader} for an encoded image, without relying on service-loader
 * registration: WebP goes to TwelveMonkeys' reader and JPEG 2000 to jai-imageio's, both created
 * from their provider classes directly, so they are found even when jars are merged (a shaded
 * jar keeps one {@code META-INF/services} file of each name) and are not displaced by another
 * plugin for the same format. Every other format goes to the JDK's own reader, preferred over
 * plugins on the class path (jai-imageio-core registers BMP and TIFF readers of its own), so that
 * adding the plugins changes no pixel of the formats decoded before.
 */
final class ImageReaders {
    private ImageReaders() {}

    /** The WebP reader's provider, or null when the TwelveMonkeys jar is not on the class path. */
    private static final ImageReaderSpi WEBP = webpProvider();

    /** The JPEG 2000 reader's provider, or null when the jai-imageio jar is not on the class path. */
    private static final ImageReaderSpi JPEG2000 = jpeg2000Provider();

    /** True when a WebP reader is available. */
    static boolean hasWebp() {
        return WEBP != null;
    }

    /** True when a JPEG 2000 reader is available. */
    static boolean hasJpeg2000() {
        return JPEG2000 != null;
    }

    /** A new WebP reader; call only when {@link #hasWebp()}. */
    static ImageReader webp() throws IOException {
        return WEBP.createReaderInstance();
    }

    /** A new JPEG 2000 reader; call only when {@link #hasJpeg2000()}. */
    static ImageReader jpeg2000() throws IOException {
        return JPEG2000.createReaderInstance();
    }

    /**
     * A reader for a format the JDK decodes (JPEG, PNG, BMP, GIF, TIFF, WBMP): the JDK's own when
     * it can read the stream, else the first plugin that can, else null.
     */
    static ImageReader forStream(ImageInputStream in) {
        ImageReader fallback = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReaders(in); it.hasNext(); ) {
            ImageReader r = it.next();
            if (isJdk(r)) {
                if (fallback != null) fallback.dispose();
                return r;
            }
            if (fallback == null) fallback = r;
            else r.dispose();
        }
        return fallback;
    }

    private static boolean isJdk(ImageReader r) {
        ImageReaderSpi spi = r.getOriginatingProvider();
        Module m = (spi != null ? spi.getClass() : r.getClass()).getModule();
        return m.isNamed() && "java.desktop".equals(m.getName());
    }

    // Each plugin class is named only inside its own holder class, so that a missing jar fails
    // the holder's loading (caught here) and not the verification of this class.
    private static ImageReaderSpi webpProvider() {
        try {
            return WebpHolder.create();
        } catch (LinkageError e) {
            return null;
        }
    }

    private static ImageReaderSpi jpeg2000Provider() {
        try {
            return Jpeg2000Holder.create();
        } catch (LinkageError e) {
            return null;
        }
    }

    private static final class WebpHolder {
        static ImageReaderSpi create() {
            return new WebPImageReaderSpi();
        }
    }

    private static final class Jpeg2000Holder {
        static ImageReaderSpi create() {
            return new J2KImageReaderSpi();
        }
    }
}
