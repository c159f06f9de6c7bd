package dev.kiln.models.text;

/**
 * One token before post-processing: its vocabulary id, its string, and the UTF-16 span
 * {@code [begin, end)} of the original text it covers.
 */
record Token(int id, String value, int begin, int end) {}
