package dev.kiln.models.text.bpe;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's reversible byte-to-character table: every byte becomes one printable character, so
 * byte strings can live in vocab.json and merges.txt. Bytes that are printable Latin-1
 * characters ({@code '!'..'~'}, {@code '¡'..'¬'}, {@code '®'..'ÿ'}) stand for themselves; the
 * other 68 bytes, in increasing order, take the characters U+0100, U+0101, ... So the space
 * (0x20) is {@code 'Ġ'} (U+0120) and the newline (0x0A) is {@code 'Ċ'} (U+010A).
 */
public final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            char c = printable(b) ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    /** The character standing for byte {@code b} (0..255). */
    public static char charOf(int b) { return BYTE_TO_CHAR[b & 0xFF]; }

    /** The byte that {@code c} stands for, or -1 when {@code c} is not in the table. */
    public static int byteOf(char c) { return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1; }

    /** The 256 characters in GPT-2's vocabulary order (printable bytes first, then the rest). */
    public static String alphabet() {
        char[] cs = BYTE_TO_CHAR.clone();
        java.util.Arrays.sort(cs);
        return new String(cs);
    }

    /** {@code text} as UTF-8 bytes written with the table's characters. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }

    /**
     * The bytes that {@code mapped}'s characters stand for.
     *
     * @throws IllegalArgumentException when a character is not in the table
     */
    public static byte[] decode(CharSequence mapped) {
        byte[] out = new byte[mapped.length()];
        for (int i = 0; i < out.length; i++) {
            int b = byteOf(mapped.charAt(i));
            if (b < 0) {
                throw new IllegalArgumentException("Character U+" + String.format("%04X", (int) mapped.charAt(i))
                        + " at " + i + " is not a byte-level character");
            }
            out[i] = (byte) b;
        }
        return out;
    }
}
