package dev.kiln.models.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteLevelTest {
    @Test
    void gpt2Table() {
        assertEquals('Ġ', ByteLevel.charOf(' '));
        assertEquals('Ċ', ByteLevel.charOf('\n'));
        assertEquals('Ā', ByteLevel.charOf(0));
        assertEquals('a', ByteLevel.charOf('a'));
        assertEquals('ÿ', ByteLevel.charOf(0xFF));
        assertEquals('Ń', ByteLevel.charOf(0xAD)); // the last of the 68 remapped bytes: U+0100 + 67
        String alphabet = ByteLevel.alphabet();
        assertEquals(256, alphabet.length());
        assertEquals(256, alphabet.chars().distinct().count());
        assertEquals('!', alphabet.charAt(0));
        assertEquals('Ā', alphabet.charAt(188)); // 94 + 12 + 82 printable bytes come first
    }

    @Test
    void everyByteRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        StringBuilder mapped = new StringBuilder();
        for (byte b : all) mapped.append(ByteLevel.charOf(b));
        assertArrayEquals(all, ByteLevel.decode(mapped));
        assertEquals("ĠhiĊ", ByteLevel.encode(" hi\n"));
        assertEquals("æĹ¥", ByteLevel.encode("日"));
        assertThrows(IllegalArgumentException.class, () -> ByteLevel.decode("日"));
    }
}
