package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.SparsityParams;
import dev.slimfit.model.SparsityParams.DimensionMetadata;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.quant.Float16;
import dev.slimfit.testing.Conformance;
import dev.slimfit.testing.SingleOpModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DensifyTest {

    /**
     * TFLite's Java API cannot return float16 tensors, so each real fp16 DENSIFY is judged twice:
     * its sparsity structure with the stored values widened to float32 against TFLite, and our
     * fp16 result against our float32 result (same positions, so it must be the exact narrowing).
     */
    @Test
    void realSparseFp16FaceDetectorWeightsMatch() throws Exception {
        Model m = ModelSlices.shared("detection/face_detection_full_range_sparse_fp16.tflite");
        List<Integer> ops = ModelSlices.find(m, "DENSIFY");
        assertFalse(ops.isEmpty());
        for (int op : ops) {
            Model fp16 = ModelSlices.slice(m, op);
            Model fp32 = widened(fp16);
            Conformance.check(fp32, 1);
            List<byte[]> in = Conformance.inputs(fp16, 0);
            byte[] half = Conformance.runOurs(fp16, in, 1).get(0);
            byte[] full = Conformance.runOurs(fp32, in, 1).get(0);
            ByteBuffer h = ByteBuffer.wrap(half).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer f = ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < half.length / 2; i++) {
                assertEquals(Float16.fromFloat(f.getFloat(4 * i)), h.getShort(2 * i), "element " + i);
            }
        }
    }

    /** The slice with its float16 sparse input and output turned into float32 (values widened exactly). */
    private static Model widened(Model m) {
        Subgraph sg = m.mainSubgraph();
        var op = sg.operators().get(0);
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        List<Buffer> buffers = new ArrayList<>(m.buffers());
        Tensor in = tensors.get(op.inputs()[0]);
        ByteBuffer src = m.dataOf(in).data().order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer dst = ByteBuffer.allocate(src.remaining() * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (src.remaining() >= 2) {
            dst.putFloat(Float16.toFloat(src.getShort()));
        }
        buffers.add(Buffer.of(dst.array()));
        tensors.set(op.inputs()[0], in.withType(TensorType.FLOAT32).withBuffer(buffers.size() - 1));
        int out = op.outputs()[0];
        tensors.set(out, tensors.get(out).withType(TensorType.FLOAT32));
        return m.withSubgraphs(List.of(sg.withTensors(tensors))).withBuffers(buffers);
    }

    @Test
    void float32CsrWithInt32Indices() {
        // 3x4 matrix, rows dense, columns CSR: row0 {1,3}, row1 {}, row2 {0,1,2}.
        SparsityParams sp = new SparsityParams(new int[] {0, 1}, null, List.of(
                new DimensionMetadata(0, 3, 0, null, 0, null),
                new DimensionMetadata(1, 0, 1, new int[] {0, 2, 2, 5}, 1, new int[] {1, 3, 0, 1, 2})));
        Conformance.check(model(TensorType.FLOAT32, new int[] {3, 4}, sp, new float[] {1.5f, -2, 3, 4, -5}), 1);
    }

    @Test
    void int8ColumnMajorTraversalWithUint8AndUint16Vectors() {
        // 4x3 matrix stored column by column: traversal order {1, 0}.
        SparsityParams sp = new SparsityParams(new int[] {1, 0}, null, List.of(
                new DimensionMetadata(0, 3, 0, null, 0, null),
                new DimensionMetadata(1, 0, 3, new int[] {0, 1, 3, 4}, 2, new int[] {2, 0, 3, 1})));
        Conformance.check(model(TensorType.INT8, new int[] {4, 3}, sp, new byte[] {7, -8, 9, 100}), 1);
    }

    @Test
    void blockSparseFloat32() {
        // 4x6 matrix in 2x3 blocks: block rows dense (2), block columns CSR, blocks dense inside.
        SparsityParams sp = new SparsityParams(new int[] {0, 1, 2, 3}, new int[] {0, 1}, List.of(
                new DimensionMetadata(0, 2, 0, null, 0, null),
                new DimensionMetadata(1, 0, 1, new int[] {0, 1, 3}, 1, new int[] {1, 0, 1}),
                new DimensionMetadata(0, 2, 0, null, 0, null),
                new DimensionMetadata(0, 3, 0, null, 0, null)));
        float[] v = new float[18];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.25f - 2;
        }
        Conformance.check(model(TensorType.FLOAT32, new int[] {4, 6}, sp, v), 1);
    }

    private static Model model(TensorType type, int[] shape, SparsityParams sp, Object values) {
        Model m = new SingleOpModel(BuiltinOp.DENSIFY, 1)
                .constant("sparse", type, shape, null, values)
                .output("dense", type, shape)
                .build();
        Subgraph sg = m.mainSubgraph();
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        int t = sg.operators().get(0).inputs()[0];
        tensors.set(t, tensors.get(t).withSparsity(sp));
        return ModelSlices.withDummyInputIfNone(m.withSubgraphs(List.of(sg.withTensors(tensors))));
    }
}
