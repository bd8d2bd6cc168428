package dev.slimfit.oracle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shared models that TFLite 2.6.2 cannot judge, each claim checked by {@code OracleLimitationsTest}
 * (which also checks that every model NOT listed here runs and is deterministic). Tests comparing
 * against the oracle skip or special-case these. Keys are paths relative to {@code models/}.
 */
public final class OracleLimitations {
    /** Why the oracle cannot be used on a model. */
    public enum Kind {
        /** Kills the process (segfault, abort): only ever run it in {@link IsolatedOracle}. */
        CRASHES,
        /** Loads but TFLite refuses it (validation, prepare); not an op-availability problem. */
        REJECTS,
        /** Runs, but two runs on the same inputs may give different bytes (see the reason). */
        NONDETERMINISTIC,
        /** Uses an op, op version or custom op that TFLite 2.6.2 does not have. */
        UNSUPPORTED_OP
    }

    /**
     * One known limitation.
     *
     * @param model    path relative to {@code models/}
     * @param kind     category
     * @param reason   what happens, in words
     * @param evidence a substring of TFLite's message that must appear (FAILED kinds), or "" when
     *                 there is no message to check
     */
    public record Limitation(String model, Kind kind, String reason, String evidence) {
    }

    private static final Map<String, Limitation> KNOWN = new LinkedHashMap<>();

    static {
        add("micro/keyword_scrambled_8bit.tflite", Kind.CRASHES, "loads, then corrupts the heap during invoke "
                + "(TFLM-only 8-bit SVDF state); glibc aborts, e.g. 'malloc(): unaligned tcache chunk detected', "
                + "exit 134, or the child hangs in malloc", "");
        add("malformed/fuzz_malicious_gather.tflite", Kind.CRASHES, "loads, then SIGSEGV in native code during "
                + "invoke (hand-built GATHER fuzz seed)", "");
        add("micro/person_detect_int8.tflite", Kind.REJECTS, "2.6.2 validates quantized_dimension against the "
                + "tensor rank (TFLM does not): 14 rank-1 bias tensors say 3",
                "quantized_dimension must be in range [0, 1). Was 3.");
        add("int16/seanet_quantize0.tflite", Kind.REJECTS, "2.6.2's QUANTIZE kernel cannot requantize an INT32 "
                + "input to INT16 (prepare fails)", "input->type == kTfLiteInt8 || input->type == kTfLiteUInt8");
        add("int16/seanet_transpose_conv0.tflite", Kind.NONDETERMINISTIC, "input 0 is TRANSPOSE_CONV's "
                + "output_shape; 2.6.2 does not check it, so any value but [1,3,12,64] (e.g. seeded random ints) "
                + "gives an output of that shape computed from out-of-bounds reads: bytes differed between "
                + "standalone JVMs (a worker may repeat itself). Fed [1,3,12,64] it is deterministic and "
                + "bit-exact with TFLM's golden CSV", "");
        add("imagenet/mobilenet_v1_0.25_128_quant_edgetpu.tflite", Kind.UNSUPPORTED_OP, "custom op "
                + "edgetpu-custom-op (needs the Edge TPU delegate)", "unresolved custom op: edgetpu-custom-op");
        add("segmentation/selfie_segmentation_fp16.tflite", Kind.UNSUPPORTED_OP, "MediaPipe custom op "
                + "Convolution2DTransposeBias (Slimfit runs it: TransposeConvBiasKernelTest checks the model against "
                + "2.6.2 running a builtin TRANSPOSE_CONV twin)", "unresolved custom op: Convolution2DTransposeBias");
        add("micro/audio_preprocessor_float.tflite", Kind.UNSUPPORTED_OP, "CAST version 2 (newer than 2.6.2); "
                + "its TFLM Signal custom ops would fail next", "builtin opcode 'CAST' version '2'");
        add("micro/audio_preprocessor_int8.tflite", Kind.UNSUPPORTED_OP, "CAST version 3 (newer than 2.6.2); "
                + "its TFLM Signal custom ops would fail next", "builtin opcode 'CAST' version '3'");
        add("ops/single_gelu.tflite", Kind.UNSUPPORTED_OP, "GELU (builtin 150) is newer than 2.6.2",
                "Op builtin_code out of range: 150");
        add("ops/sdpa_composite.tflite", Kind.UNSUPPORTED_OP, "STABLEHLO_COMPOSITE (builtin 206) is newer than "
                + "2.6.2", "Op builtin_code out of range: 206");
        add("ops/simple_composite.tflite", Kind.UNSUPPORTED_OP, "STABLEHLO_COMPOSITE (builtin 206) is newer than "
                + "2.6.2", "Op builtin_code out of range: 206");
    }

    private OracleLimitations() {
    }

    private static void add(String model, Kind kind, String reason, String evidence) {
        KNOWN.put(model, new Limitation(model, kind, reason, evidence));
    }

    /** The limitation recorded for {@code model}, if any. */
    public static Optional<Limitation> known(String model) {
        return Optional.ofNullable(KNOWN.get(model));
    }

    /** All recorded limitations, in declaration order. */
    public static Map<String, Limitation> all() {
        return java.util.Collections.unmodifiableMap(KNOWN);
    }

    /** True if the model may be run in-process (it is not known to crash). */
    public static boolean safeInProcess(String model) {
        return known(model).map(l -> l.kind() != Kind.CRASHES).orElse(true);
    }
}
