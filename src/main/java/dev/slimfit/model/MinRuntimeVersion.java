package dev.slimfit.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code min_runtime_version} metadata entry: the oldest TFLite runtime that has every
 * operator version a model uses. TFLite's converter computes it after export from the op versions
 * (tensorflow/lite/tools/versioning/runtime_version.cc: the highest runtime of any known
 * (op, version) pair; pairs it does not know are skipped) and stores it NUL-padded in a 16-byte
 * buffer. Quantizing raises op versions (int8 CONV_2D is v3, per-channel hybrid v5 needs 2.4), so a
 * quantized model must say so, or a deployment check reading this field trusts an older runtime
 * that cannot load the file. Slimfit only raises the value: a source's higher claim (custom ops,
 * a newer converter) is kept.
 */
public final class MinRuntimeVersion {
    /** Metadata entry name, as the converter writes it. */
    public static final String KEY = "min_runtime_version";
    /** Buffer size the converter reserves; versions of 16 characters or more are not written. */
    static final int BUFFER_BYTES = 16;

    /**
     * Runtime version per op version (first column = version 1; "-" = no such version), the
     * converter's table as data.
     */
    private static final String[] TABLE = {
        "AVERAGE_POOL_2D 1.5.0 1.14.0 2.3.0", "BATCH_MATMUL 2.3.0 2.3.0 2.4.0 2.5.0",
        "BROADCAST_TO - 2.5.0 2.5.0", "CONV_2D 1.5.0 1.14.0 1.14.0 2.3.0 2.4.0 2.9.0",
        "DEPTHWISE_CONV_2D 1.5.0 1.12.0 1.14.0 2.2.0 2.3.0 2.3.0", "ADD 1.5.0 1.14.0 2.4.0 2.6.0",
        "ADD_N 1.14.0", "SPACE_TO_BATCH_ND 1.6.0 1.14.0 2.3.0", "SUB 1.6.0 1.14.0 2.3.0 2.4.0 2.4.0",
        "DENSIFY 2.2.0", "DIV 1.6.0 2.3.0", "BATCH_TO_SPACE_ND 1.6.0 1.14.0 2.3.0",
        "CAST 1.5.0 2.7.0 2.8.0 2.9.0", "CONCATENATION 1.5.0 1.14.0 2.3.0", "DEPTH_TO_SPACE 2.1.0 2.5.0",
        "EMBEDDING_LOOKUP 1.13.0 1.14.0 1.14.0", "EMBEDDING_LOOKUP_SPARSE 1.5.0", "FAKE_QUANT 1.5.0 1.10.0",
        "FULLY_CONNECTED 1.5.0 1.10.0 1.14.0 1.14.0 2.0.0 2.1.0 2.3.0 2.3.0 2.3.0",
        "GATHER 1.6.0 1.14.0 1.15.0 2.4.0 2.5.0", "GATHER_ND 1.14.0 2.3.0 2.5.0", "HASHTABLE_LOOKUP 1.5.0",
        "SVDF 1.5.0 1.14.0 2.2.0 2.3.0", "L2_NORMALIZATION 1.5.0 1.14.0", "L2_POOL_2D 1.5.0",
        "LOCAL_RESPONSE_NORMALIZATION 1.5.0", "MAX_POOL_2D 1.5.0 1.14.0 2.3.0",
        "MAXIMUM 1.14.0 1.14.0 2.3.0 2.3.0", "MINIMUM 1.14.0 1.14.0 2.3.0 2.3.0",
        "MUL 1.5.0 1.14.0 1.15.0 2.3.0 2.6.0", "NON_MAX_SUPPRESSION_V4 2.1.0", "NON_MAX_SUPPRESSION_V5 2.1.0",
        "PAD 1.5.0 1.14.0 2.4.0 2.6.0", "TILE 1.10.1 2.2.0 2.8.0", "PADV2 1.9.0 1.14.0 2.4.0 2.6.0",
        "RESHAPE 1.5.0", "SOFTMAX 1.5.0 1.14.0 2.3.0", "SPACE_TO_DEPTH 1.5.0 1.14.0",
        "TRANSPOSE 1.6.0 1.14.0 1.15.0 2.3.0 2.4.0", "LSTM 1.7.0 1.10.0 1.14.0 2.3.0",
        "UNIDIRECTIONAL_SEQUENCE_LSTM 1.13.1 1.14.0 2.3.0", "BIDIRECTIONAL_SEQUENCE_LSTM 1.14.0 1.14.0 1.14.0",
        "BIDIRECTIONAL_SEQUENCE_RNN 1.14.0 1.14.0 2.3.0", "MEAN 1.6.0 1.14.0 2.4.0", "SUM 1.10.0 1.15.0",
        "REDUCE_MAX 1.11.0 1.14.0 2.5.0", "REDUCE_MIN 1.11.0 1.14.0 2.5.0", "REDUCE_PROD 1.11.0 2.6.0",
        "REDUCE_ANY 1.11.0", "RELU6 1.5.0 1.14.0 2.5.0", "RESIZE_BILINEAR 1.7.0 1.14.0 2.2.0 2.5.0",
        "RESIZE_NEAREST_NEIGHBOR 1.13.1 1.14.0 2.3.0 2.4.0", "RNN 1.5.0 1.14.0 2.3.0", "SKIP_GRAM 1.5.0",
        "SQUEEZE 1.6.0 2.5.0", "SPLIT 1.5.0 1.14.0 1.14.0 2.3.0", "SPLIT_V 1.13.1 2.3.0",
        "STRIDED_SLICE 1.6.0 1.14.0 2.1.0 2.2.0 2.5.0 2.6.0", "TOPK_V2 1.7.0 1.14.0", "ARG_MAX 1.9.0 1.14.0 2.9.0",
        "ARG_MIN 1.9.0 1.14.0 2.9.0", "TRANSPOSE_CONV 1.9.0 2.2.0 2.3.0", "SPARSE_TO_DENSE 1.9.0 1.14.0 1.15.0",
        "EXPAND_DIMS 1.10.0", "PACK 1.11.0 1.14.0 2.3.0", "SHAPE 1.10.0", "SLICE 1.14.0 1.14.0 1.14.0 2.4.0 2.5.0",
        "TANH 1.14.0 1.14.0 2.3.0", "ONE_HOT 1.11.0", "UNPACK 1.11.0 1.14.0 2.2.0 2.3.0",
        "LEAKY_RELU 1.13.1 2.3.0", "LOGISTIC 1.14.0 1.14.0 2.3.0", "LOG_SOFTMAX 1.14.0 1.14.0",
        "LSH_PROJECTION 1.5.0", "SQUARED_DIFFERENCE 1.13.1 2.5.0", "MIRROR_PAD 1.13.1 2.3.0", "UNIQUE 1.14.0",
        "UNIDIRECTIONAL_SEQUENCE_RNN 1.14.0 1.14.0 2.3.0", "WHERE 1.14.0 2.8.0",
        "DEQUANTIZE 1.13.1 1.14.0 1.15.0 2.2.0 2.7.0", "REVERSE_SEQUENCE 1.14.0", "EQUAL 1.14.0 1.14.0 2.3.0",
        "NOT_EQUAL 1.14.0 1.14.0 2.3.0", "GREATER 1.14.0 1.14.0", "GREATER_EQUAL 1.14.0 1.14.0",
        "LESS 1.14.0 1.14.0", "LESS_EQUAL 1.14.0 1.14.0", "SCATTER_ND 2.1.0", "SEGMENT_SUM 2.2.0",
        "SELECT 1.14.0 1.14.0", "SELECT_V2 2.2.0", "IF 1.15.0", "FLOOR_DIV 1.14.0 1.14.0", "FLOOR 1.9.0",
        "CEIL 1.14.0", "MATRIX_DIAG 1.14.0", "MATRIX_SET_DIAG 1.14.0", "ELU 1.14.0",
        "QUANTIZE 1.14.0 1.15.0 2.7.0", "ROUND 1.14.0", "RELU 1.5.0 2.1.0 2.5.0", "RELU_N1_TO_1 1.5.0",
        "PRELU 1.8.0", "EXP 1.7.0", "COS 1.14.0", "NEG 1.9.0", "POW 1.10.0", "LOGICAL_OR 1.11.0",
        "LOGICAL_AND 1.11.0", "LOGICAL_NOT 1.11.0", "FLOOR_MOD 1.13.0", "RANGE 1.13.0", "SIN 1.9.0",
        "LOG 1.14.0", "SQRT 1.10.0", "RSQRT 1.10.0 2.5.0", "SQUARE 1.12.0", "ZEROS_LIKE 1.12.0",
        "ABS 1.13.0 2.4.0 2.5.0 2.6.0", "HARD_SWISH 1.15.0", "FILL 1.13.0 2.3.0 2.5.0",
        "REVERSE_V2 1.14.0 2.2.0 2.5.0", "RANK 1.14.0", "WHILE 1.15.0", "CUMSUM 2.4.0", "CALL_ONCE 2.5.0",
        "RFFT2D 2.5.0", "CONV_3D 2.5.0", "IMAG 2.5.0", "REAL 2.5.0", "COMPLEX_ABS 2.5.0", "HASHTABLE 2.5.0",
        "HASHTABLE_FIND 2.5.0", "HASHTABLE_IMPORT 2.5.0", "HASHTABLE_SIZE 2.5.0", "REDUCE_ALL 2.6.0",
        "CONV_3D_TRANSPOSE 2.6.0", "VAR_HANDLE 2.6.0", "READ_VARIABLE 2.6.0", "ASSIGN_VARIABLE 2.6.0",
        "BROADCAST_ARGS 2.6.0", "GELU 2.9.0 2.9.0",
    };
    private static final Map<BuiltinOp, String[]> BY_OP = parse();

    private MinRuntimeVersion() {
    }

    private static Map<BuiltinOp, String[]> parse() {
        Map<BuiltinOp, String[]> m = new HashMap<>();
        Map<String, BuiltinOp> names = new HashMap<>();
        for (BuiltinOp op : BuiltinOp.values()) {
            names.put(op.name(), op);
        }
        for (String row : TABLE) {
            String[] f = row.split(" ");
            BuiltinOp op = names.get(f[0]);
            if (op != null) { // an op this build's enum does not list cannot occur by name either
                m.put(op, Arrays.copyOfRange(f, 1, f.length));
            }
        }
        return m;
    }

    /** The runtime that has version {@code version} of {@code op}, if the table knows the pair. */
    public static Optional<String> forOp(BuiltinOp op, int version) {
        String[] v = BY_OP.get(op);
        if (v == null || version < 1 || version > v.length || v[version - 1].equals("-")) {
            return Optional.empty();
        }
        return Optional.of(v[version - 1]);
    }

    /** The highest runtime any operator of any subgraph needs, or empty when no op is in the table. */
    public static Optional<String> required(Model m) {
        String best = null;
        for (Subgraph sg : m.subgraphs()) {
            for (Operator op : sg.operators()) {
                Optional<String> v = op.code().op().flatMap(b -> forOp(b, op.code().version()));
                if (v.isPresent() && (best == null || compare(best, v.get()) < 0)) {
                    best = v.get();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Dotted numeric comparison ("1.14.0" &gt; "1.5.0"); a missing component counts as lower. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(number(x[i]), number(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The model with {@value #KEY} at least what its ops need: an existing entry is raised (never
     * lowered), a missing one is added; unchanged when no op is in the table.
     */
    public static Model stamp(Model m) {
        Optional<String> need = required(m);
        if (need.isEmpty() || need.get().length() >= BUFFER_BYTES) {
            return m;
        }
        Optional<String> have = m.minRuntimeVersion();
        if (have.isPresent() && compare(have.get(), need.get()) >= 0) {
            return m;
        }
        byte[] bytes = Arrays.copyOf(need.get().getBytes(StandardCharsets.US_ASCII), BUFFER_BYTES);
        List<Buffer> bufs = new ArrayList<>(m.buffers());
        List<Metadata> meta = new ArrayList<>(m.metadata());
        bufs.add(Buffer.of(bytes));
        Metadata entry = new Metadata(KEY, bufs.size() - 1);
        int at = -1;
        for (int i = 0; i < meta.size(); i++) {
            if (KEY.equals(meta.get(i).name())) {
                at = i;
            }
        }
        if (at >= 0) {
            meta.set(at, entry);
        } else {
            meta.add(entry);
        }
        return ModelCompactor.dropUnusedBuffers(m.withBuffers(bufs).withMetadata(meta));
    }
}
