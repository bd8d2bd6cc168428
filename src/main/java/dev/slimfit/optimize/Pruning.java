package dev.slimfit.optimize;

/**
 * Pruning of one layer's weights.
 *
 * @param sparsity target fraction of zero weights, 0..1 (for {@link Pattern#TWO_OF_FOUR} always 0.5)
 * @param pattern  unstructured magnitude, 2:4 along the input dimension, or blocks
 * @param repair   re-solve the remaining weights on calibration data (layer-wise least squares)
 */
public record Pruning(double sparsity, Pattern pattern, boolean repair) {
    /** Where zeros may go. */
    public enum Pattern { UNSTRUCTURED, TWO_OF_FOUR, BLOCK }

    public Pruning {
        if (!(sparsity >= 0 && sparsity < 1)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
        }
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is required");
        }
    }
}
