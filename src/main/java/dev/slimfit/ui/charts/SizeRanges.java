package dev.slimfit.ui.charts;

import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.optimize.ActivationRanges;
import java.util.HashMap;
import java.util.Map;

/**
 * Placeholder activation ranges ([−6, 6] for every float activation) that let the quantizer build
 * a full-integer model for the size estimate. The bytes of weights, biases and ops do not depend
 * on activation ranges, so sizes are exact; the values are not, which is why export calibrates.
 */
final class SizeRanges {
    private SizeRanges() {
    }

    static ActivationRanges of(Model m) {
        Subgraph sg = m.mainSubgraph();
        Map<Integer, float[]> r = new HashMap<>();
        for (int i = 0; i < sg.tensors().size(); i++) {
            Tensor t = sg.tensor(i);
            if (t.type() == TensorType.FLOAT32 && m.dataOf(t).isEmpty()) {
                r.put(i, new float[] {-6f, 6f});
            }
        }
        return ActivationRanges.of(r, "size-estimate", 0);
    }
}
