package dev.kiln.models.text;

/**
 * A token that is matched in the text before WordPiece runs, such as {@code [CLS]} or
 * {@code [SEP]} typed by the user.
 *
 * @param id its vocabulary id
 * @param content the exact text that is matched
 * @param lstrip whether the match also swallows the whitespace on its left
 * @param rstrip whether the match also swallows the whitespace on its right
 * @param normalized whether it is matched in normalized text (true) or in the raw input (false)
 * @param special whether it is a special token ({@code [CLS]}, {@code [PAD]}, ...)
 */
public record AddedToken(int id, String content, boolean lstrip, boolean rstrip, boolean normalized, boolean special) {
    /** Checks the content is not empty. */
    public AddedToken {
        if (content == null || content.isEmpty()) throw new IllegalArgumentException("added token " + id + " has empty content");
    }
}
