package dev.kiln.models.text;

/** Which end of a sequence truncation cuts from or padding adds to. */
public enum Side {
    /** The start of the sequence. */
    LEFT,
    /** The end of the sequence. */
    RIGHT
}
