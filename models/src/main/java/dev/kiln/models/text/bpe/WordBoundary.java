package dev.kiln.models.text.bpe;

/** How a BPE tokenizer cuts text into words and words into initial symbols. */
public enum WordBoundary {
    /**
     * Classic BPE (Sennrich et al.): words are runs of non-whitespace; a word's symbols are its
     * characters, the last one carrying an end-of-word suffix such as {@code "</w>"}. Whitespace
     * is not kept: decoding joins words with single spaces.
     */
    END_OF_WORD,
    /**
     * GPT-2 byte-level BPE: GPT-2's pattern splits text into pieces (a word keeps its leading
     * space), and a piece's symbols are its UTF-8 bytes written with {@link ByteLevel}'s
     * characters ({@code 'Ġ'} for the space). Every string encodes, and decoding is exact.
     */
    BYTE_LEVEL
}
