package dev.slimfit.optimize;

/** Element type of the model's inputs and outputs after full-integer quantization. */
public enum IoType {
    /** Keep float inputs/outputs (QUANTIZE/DEQUANTIZE at the model boundary). */
    FLOAT,
    INT8,
    UINT8
}
