package dev.slimfit.optimize;

import dev.slimfit.model.TensorType;
import java.util.Set;

/**
 * One operator of the main subgraph as the plan sees it.
 *
 * @param id           stable identifier used by plans and recipes: the op's first output tensor
 *                     name, suffixed with {@code #<index>} only when that name is not unique
 * @param opIndex      index in subgraph 0's operator list
 * @param op           op name ("CONV_2D", or the custom code)
 * @param weightTensor index of the op's main constant input (filter/weights), or -1
 * @param weightShape  its shape (empty when there is none)
 * @param weightType   its element type, or null
 * @param params       elements of all constant inputs of the op
 * @param weightBytes  bytes of all constant inputs of the op
 * @param allowed      schemes this op can take
 */
public record Layer(String id, int opIndex, String op, int weightTensor, int[] weightShape, TensorType weightType,
                    long params, long weightBytes, Set<Scheme> allowed) {
    public Layer {
        weightShape = weightShape.clone();
        allowed = Set.copyOf(allowed);
    }

    @Override
    public int[] weightShape() {
        return weightShape.clone();
    }

    /** True when the op has constant weights. */
    public boolean hasWeights() {
        return weightTensor >= 0;
    }
}
