package dev.slimfit.eval;

import java.io.IOException;

/**
 * Samples ready to feed a model: each is the bytes of every model input (little-endian, the
 * tensor's dtype and shape) and an optional integer label. Samples are produced on demand so a
 * 10,000-image folder never sits in memory; implementations are safe to call from several threads.
 */
public interface Dataset {
    /** Label of unlabelled samples. */
    int NO_LABEL = Integer.MIN_VALUE;

    /** Number of samples. */
    int size();

    /** A stable name for sample {@code i} (file name, or "file#k"), used in reports. */
    String id(int i);

    /** The label of sample {@code i}, already shifted by any label offset, or {@link #NO_LABEL}. */
    int label(int i);

    /** Input tensors of sample {@code i}, one byte array per model input. */
    byte[][] inputs(int i) throws IOException;

    /** True when every sample has a label. */
    default boolean labelled() {
        for (int i = 0; i < size(); i++) {
            if (label(i) == NO_LABEL) {
                return false;
            }
        }
        return size() > 0;
    }

    /** The first {@code n} samples (all when n exceeds the size or is not positive). */
    default Dataset limit(int n) {
        Dataset base = this;
        int m = n <= 0 ? size() : Math.min(n, size());
        return new Dataset() {
            @Override
            public int size() {
                return m;
            }

            @Override
            public String id(int i) {
                return base.id(i);
            }

            @Override
            public int label(int i) {
                return base.label(i);
            }

            @Override
            public byte[][] inputs(int i) throws IOException {
                return base.inputs(i);
            }
        };
    }
}
