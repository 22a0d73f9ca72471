package org.openkyc.verification;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.pdf417.PDF417Reader;

/**
 * Finds and decodes the PDF417 barcode on the back of a licence (ZXing). Phones photograph cards
 * at any angle: ZXing's PDF417 detector tries the four orientations itself (LicenceTest shows
 * cards turned 90, 180 and 270 degrees read without help). JPEG and PNG are read; HEIC and PDF are
 * not images Java reads, so those cards go to a reviewer as unreadable.
 */
final class LicenceBarcode {

    private static final Map<DecodeHintType, Object> HINTS = hints();

    private LicenceBarcode() {
    }

    /** The barcode's text, or empty if there is none that can be read. */
    static Optional<String> read(byte[] image) {
        BufferedImage picture;
        try {
            picture = readBounded(image);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (picture == null) {
            return Optional.empty();
        }
        return decode(picture);
    }

    /** Images of more pixels than this are not read: a small file may declare a huge image (an image bomb). */
    static final long MAX_PIXELS = 50_000_000;

    /** The image, read only when its declared size is within {@link #MAX_PIXELS}; null if no reader knows it. */
    private static BufferedImage readBounded(byte[] image) throws IOException {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            java.util.Iterator<javax.imageio.ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static Optional<String> decode(BufferedImage picture) {
        LuminanceSource source = new BufferedImageLuminanceSource(picture);
        try {
            Result result = new PDF417Reader().decode(new BinaryBitmap(new HybridBinarizer(source)), HINTS);
            return Optional.of(result.getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (ReaderException | RuntimeException e) {
            // A checksum or format error: a damaged or partial barcode is as good as none.
            return Optional.empty();
        }
    }

    private static Map<DecodeHintType, Object> hints() {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.PDF_417));
        return Map.copyOf(hints);
    }
}
