package dev.slimfit.model;

/** TFLite padding modes, numbered as in the schema. */
public enum Padding {
    SAME, VALID;

    /** The padding for a schema code. */
    public static Padding of(int code) {
        return code == 1 ? VALID : SAME;
    }
}
