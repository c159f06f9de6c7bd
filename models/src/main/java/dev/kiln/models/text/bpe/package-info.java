/**
 * Byte-pair encoding: training ({@link dev.kiln.models.text.bpe.BpeTrainer}) with the classic
 * end-of-word suffix or GPT-2 byte-level symbols, encoding and decoding
 * ({@link dev.kiln.models.text.bpe.BpeTokenizer}), GPT-2 {@code vocab.json}/{@code merges.txt}
 * and Hugging Face {@code tokenizer.json} files.
 */
package dev.kiln.models.text.bpe;
