package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.util.Arrays;

/**
 * What a model input needs: element type, static shape (dynamic batch taken as 1) and per-tensor
 * quantization (scale 0 when not quantized). Decouples datasets from the model classes.
 */
public record InputSpec(String name, TensorType type, int[] shape, float scale, long zeroPoint) {
    public InputSpec {
        shape = shape.clone();
    }

    /** Input {@code index} of subgraph 0 of {@code model}. */
    public static InputSpec of(Model model, int index) {
        Subgraph sg = model.mainSubgraph();
        int[] ins = sg.inputs();
        if (index < 0 || index >= ins.length) {
            throw new IllegalArgumentException("the model has " + ins.length + " inputs, not " + (index + 1));
        }
        Tensor t = sg.tensor(ins[index]);
        int[] shape = t.shape();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 1) {
                shape[i] = 1;
            }
        }
        QuantizationParams q = t.quantization();
        boolean affine = q != null && q.isAffine() && t.type().isQuantizedInteger();
        return new InputSpec(t.name(), t.type(), shape, affine ? q.scale(0) : 0f, affine ? q.zeroPoint(0) : 0);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Element count. */
    public int elements() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Dense little-endian byte size. */
    public int byteSize() {
        return (int) type.bytesFor(elements());
    }

    /** True for a quantized integer input with a scale. */
    public boolean quantized() {
        return scale != 0f && type.isQuantizedInteger();
    }

    @Override
    public String toString() {
        return "'" + name + "' " + type + Arrays.toString(shape)
                + (quantized() ? " scale=" + scale + " zp=" + zeroPoint : "");
    }
}
