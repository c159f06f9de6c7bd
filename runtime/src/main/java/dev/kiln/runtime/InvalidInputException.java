package dev.kiln.runtime;

/** The inputs given to {@code run} do not match the model's signature. */
public class InvalidInputException extends KilnException {
    public InvalidInputException(String message) { super(message); }
}
