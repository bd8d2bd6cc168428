package dev.slimfit.optimize;

import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Placeholder activation ranges ([−6, 6] for every float activation) that let the quantizer build
 * a full-integer model for the size estimate. The bytes of weights, biases and ops do not depend
 * on activation ranges, so raw sizes are exact; the values are not, which is why export
 * calibrates. Used by the app's instant size preview and by {@code slimfit size} without samples.
 */
public final class SizeRanges {
    /** What {@link ActivationRanges#method()} says for placeholder ranges. */
    public static final String METHOD = "size-estimate";

    private SizeRanges() {
    }

    /** Placeholder ranges for every float activation of {@code m}'s main subgraph. */
    public static ActivationRanges of(Model m) {
        Subgraph sg = m.mainSubgraph();
        Map<Integer, float[]> r = new HashMap<>();
        for (int i = 0; i < sg.tensors().size(); i++) {
            Tensor t = sg.tensor(i);
            if (t.type() == TensorType.FLOAT32 && m.dataOf(t).isEmpty()) {
                r.put(i, new float[] {-6f, 6f});
            }
        }
        return ActivationRanges.of(r, METHOD, 0);
    }

    /**
     * A range source that hands out placeholder ranges instead of calibrating; it has no samples,
     * so a plan that needs them (pruning with repair) is still refused.
     */
    public static RangeSource source() {
        return new RangeSource() {
            @Override
            public ActivationRanges ranges(Model floatModel, CalibrationSpec spec, Progress progress,
                                           BooleanSupplier cancel) {
                return of(floatModel);
            }

            @Override
            public boolean hasSamples() {
                return false;
            }
        };
    }
}
