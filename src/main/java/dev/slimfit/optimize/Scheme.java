package dev.slimfit.optimize;

import java.util.Locale;

/** What to do with one layer's numbers (DESIGN.md §4–5). */
public enum Scheme {
    /** Keep float32 weights and activations. */
    FLOAT32("float32"),
    /** float16 weights with a DEQUANTIZE feeding the float op. */
    FLOAT16("float16"),
    /** int8 weights, float activations, hybrid kernels quantize inputs on the fly. */
    DYNAMIC_INT8("dynamic"),
    /** Full integer: int8 weights (symmetric) and int8 activations (calibrated), int32 bias. */
    INT8("int8"),
    /** int16 activations (symmetric) with int8 weights and int64 bias. */
    INT16X8("int16x8");

    private final String id;

    Scheme(String id) {
        this.id = id;
    }

    /** The name used in recipes and on the command line. */
    public String id() {
        return id;
    }

    /** Parses a recipe/CLI name ("int8", "dynamic", "float16", "int16x8", "float32"). */
    public static Scheme parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (Scheme x : values()) {
            if (x.id.equals(k) || x.name().toLowerCase(Locale.ROOT).equals(k)) {
                return x;
            }
        }
        if (k.equals("float") || k.equals("none") || k.equals("keep")) {
            return FLOAT32;
        }
        throw new IllegalArgumentException("unknown scheme '" + s + "' (use float32, float16, dynamic, int8 or int16x8)");
    }

    /** True when activations become integers (needs calibration data). */
    public boolean needsCalibration() {
        return this == INT8 || this == INT16X8;
    }
}
