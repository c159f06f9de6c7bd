package dev.kiln.runtime;

/** A model could not be read or is not valid: corrupt bytes, dangling names, cycles, bad tensors. */
public class ModelLoadException extends KilnException {
    public ModelLoadException(String message) { super(message); }

    public ModelLoadException(String message, Throwable cause) { super(message, cause); }
}
