package dev.slimfit.runtime.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.kernels.Broadcast;
import org.junit.jupiter.api.Test;

/** The shared {@link Broadcast} plan: shapes, run decomposition, and every operand index. */
class BroadcastTest {
    /** Brute-force flat index of operand {@code shape} for output multi-index of flat {@code o}. */
    private static int naiveIndex(int[] out, int[] shape, int o) {
        int idx = 0;
        int stride = 1;
        int off = out.length - shape.length;
        for (int d = out.length - 1; d >= 0; d--) {
            int coord = o % out[d];
            o /= out[d];
            if (d >= off) {
                int s = shape[d - off];
                idx += (s == 1 ? 0 : coord) * stride;
                stride *= s;
            }
        }
        return idx;
    }

    private static void assertIndexesMatch(int[]... shapes) throws KernelException {
        Broadcast bc = Broadcast.of(shapes);
        int[] out = bc.outputShape();
        int n = 0;
        for (int r = 0; r < bc.runs(); r++) {
            for (int i = 0; i < bc.runLength(); i++) {
                int o = r * bc.runLength() + i;
                for (int k = 0; k < shapes.length; k++) {
                    assertEquals(naiveIndex(out, shapes[k], o), bc.offset(k, r) + i * bc.step(k),
                            "operand " + k + " at output " + o);
                }
                n++;
            }
        }
        assertEquals(bc.outputSize(), n);
    }

    @Test
    void outputShapeRightAlignsAndStretchesOnes() throws KernelException {
        assertArrayEquals(new int[] {2, 3, 4}, Broadcast.outputShape(new int[] {2, 1, 4}, new int[] {3, 1}));
        assertArrayEquals(new int[] {5}, Broadcast.outputShape(new int[] {}, new int[] {5}));
        assertArrayEquals(new int[] {0, 3}, Broadcast.outputShape(new int[] {0, 1}, new int[] {3}));
    }

    @Test
    void incompatibleShapesAreRefused() {
        assertThrows(KernelException.class, () -> Broadcast.outputShape(new int[] {2, 3}, new int[] {4}));
    }

    @Test
    void everyOperandIndexMatchesNaiveBroadcasting() throws KernelException {
        assertIndexesMatch(new int[] {2, 3, 4}, new int[] {4});
        assertIndexesMatch(new int[] {2, 1, 4}, new int[] {3, 1});
        assertIndexesMatch(new int[] {2, 1, 3, 1, 2}, new int[] {3, 2, 2});
        assertIndexesMatch(new int[] {1, 4, 1, 5, 1, 2}, new int[] {3, 1, 1, 2}, new int[] {5, 1});
        assertIndexesMatch(new int[] {}, new int[] {3, 2});
        assertIndexesMatch(new int[] {7}, new int[] {7});
    }

    @Test
    void identicalShapesCollapseToOneRun() throws KernelException {
        Broadcast bc = Broadcast.of(new int[] {2, 3, 4}, new int[] {2, 3, 4});
        assertTrue(bc.isTrivial());
        assertEquals(1, bc.runs());
        assertEquals(24, bc.runLength());
    }

    @Test
    void emptyOutputsHaveNoRuns() throws KernelException {
        Broadcast bc = Broadcast.of(new int[] {0, 3}, new int[] {3});
        assertEquals(0, bc.outputSize());
        assertEquals(0, bc.runs());
    }
}
