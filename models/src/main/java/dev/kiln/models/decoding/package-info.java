/**
 * Decoding for any model that yields next-token logits ({@link dev.kiln.models.decoding.LogitsModel},
 * or {@link dev.kiln.models.decoding.StepModel} with a carried state such as a KV cache): greedy,
 * temperature, top-k, top-p and repetition penalty ({@link dev.kiln.models.decoding.Generator}),
 * and beam search with length penalty and EOS ({@link dev.kiln.models.decoding.BeamSearch}).
 */
package dev.kiln.models.decoding;
