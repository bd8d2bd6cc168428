package dev.slimfit.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.GraphBuilder;
import dev.slimfit.model.Model;
import dev.slimfit.model.TensorType;
import org.junit.jupiter.api.Test;

/** A node whose output shape depends on input values makes later nodes prepare again. */
class DynamicShapeTest {
    @Test
    void nodesAfterAValueDependentReshapeFollowTheNewShape() throws Exception {
        GraphBuilder g = new GraphBuilder("main");
        int x = g.tensor("x", TensorType.FLOAT32, 6);
        int s = g.tensor("shape", TensorType.INT32, 2);
        int y = g.tensor("y", TensorType.FLOAT32, 2, 3);
        int z = g.tensor("z", TensorType.FLOAT32, 2, 3);
        g.op(BuiltinOp.RESHAPE, 1, new int[] {x, s}, new int[] {y}, null);
        g.op(BuiltinOp.RELU, 1, new int[] {y}, new int[] {z}, null);
        g.input(x).input(s).output(z);
        Model m = g.build("dynamic reshape");
        try (Interpreter it = Interpreter.create(m)) {
            float[] in = {-1, 2, -3, 4, -5, 6};
            System.arraycopy(in, 0, it.input(0).floats(), 0, 6);
            it.input(1).ints()[0] = 2;
            it.input(1).ints()[1] = 3;
            it.invoke();
            assertArrayEquals(new int[] {2, 3}, it.output(0).shape());
            it.input(1).ints()[0] = 3;
            it.input(1).ints()[1] = 2;
            it.invoke();
            assertArrayEquals(new int[] {3, 2}, it.output(0).shape());
            float[] out = java.util.Arrays.copyOf(it.output(0).floats(), 6);
            assertArrayEquals(new float[] {0, 2, 0, 4, 0, 6}, out);
        }
    }
}
