package dev.slimfit.optimize.prune;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.OperatorCode;
import dev.slimfit.model.SparsityParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stores pruned weights in TFLite's sparse tensor encoding, as TFLite's converter does for sparse
 * float weights: the constant keeps its dense shape but holds only the non-zero values, with
 * {@code SparsityParameters} (identity traversal order, every dimension dense except the last,
 * which is CSR with segments and indices), and a DENSIFY op at the start of the graph turns it
 * back into the dense tensor its conv/depthwise/FC consumers read. Only where it pays: a layer is
 * encoded when values + indices + segments + the op's overhead are smaller than the dense bytes,
 * which for float32 starts near 25% sparsity and is never the case for int8 below 50%.
 *
 * <p>Types: TFLite 2.6.2's DENSIFY takes float32 and int8 (measured: both load, run and agree
 * with the dense model). float16 constants sit behind a DEQUANTIZE, not under a conv, and are left
 * alone; hybrid (dynamic-range) layers are left alone too, because their kernels need the int8
 * weights as a constant at prepare time.
 */
public final class SparseEncoding {
    /** Bytes a DENSIFY op and its extra tensor add to the file (measured on MobileNet: ~100–140). */
    static final int OVERHEAD = 160;

    private SparseEncoding() {
    }

    /** The encoded model and one note per encoded layer. */
    public record Encoded(Model model, List<String> notes) {
    }

    /** Encodes every eligible weight for which the sparse form is smaller. */
    public static Encoded apply(Model model) {
        Subgraph sg = model.mainSubgraph();
        List<Tensor> tensors = new ArrayList<>(sg.tensors());
        List<Buffer> buffers = new ArrayList<>(model.buffers());
        Map<Integer, Integer> dense = new LinkedHashMap<>();
        Map<Integer, Boolean> rejected = new HashMap<>();
        List<String> notes = new ArrayList<>();
        for (Operator op : sg.operators()) {
            if (!consumer(op) || op.inputCount() < 2 || op.input(1) < 0) {
                continue;
            }
            int w = op.input(1);
            if (dense.containsKey(w) || rejected.containsKey(w)) {
                continue;
            }
            Tensor t = sg.tensor(w);
            Buffer b = model.dataOf(t);
            boolean integerKernel = op.input(0) >= 0 && sg.tensor(op.input(0)).type() != TensorType.FLOAT32;
            boolean eligible = !b.isEmpty() && t.sparsity() == null && t.rank() >= 2 && !t.isVariable()
                    && (t.type() == TensorType.FLOAT32 || t.type() == TensorType.INT8 && integerKernel);
            CsrLastDim csr = eligible ? CsrLastDim.of(b.data(), t.shape(), t.type().byteSize()) : null;
            long denseBytes = b.size();
            if (csr == null || csr.bytes() + OVERHEAD >= denseBytes) {
                rejected.put(w, true);
                continue;
            }
            buffers.add(Buffer.of(csr.values()));
            tensors.set(w, t.withBuffer(buffers.size() - 1).withSparsity(csr.params()));
            tensors.add(new Tensor(t.name() + "_densified", t.type(), t.shape(), t.shapeSignature(), 0,
                    t.quantization(), false, null, t.hasRank(), null));
            dense.put(w, tensors.size() - 1);
            notes.add(String.format(Locale.ROOT, "sparse encoding: '%s' %,d -> %,d bytes (%.0f%% zeros)", t.name(),
                    denseBytes, csr.bytes(), 100.0 * (1 - (double) csr.nonZeros() / t.elementCount())));
        }
        if (dense.isEmpty()) {
            return new Encoded(model, notes);
        }
        List<Operator> ops = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : dense.entrySet()) {
            ops.add(Operator.of(OperatorCode.builtin(BuiltinOp.DENSIFY, 1), new int[] {e.getKey()},
                    new int[] {e.getValue()}, null));
        }
        for (Operator op : sg.operators()) {
            int[] in = op.inputs();
            boolean changed = false;
            for (int i = 0; i < in.length; i++) {
                Integer d = in[i] >= 0 ? dense.get(in[i]) : null;
                if (d != null) {
                    in[i] = d;
                    changed = true;
                }
            }
            ops.add(changed ? op.withInputs(in) : op);
        }
        List<Subgraph> subgraphs = new ArrayList<>(model.subgraphs());
        subgraphs.set(0, sg.withTensors(tensors).withOperators(ops));
        return new Encoded(dev.slimfit.model.ModelCompactor.dropUnusedBuffers(
                model.withSubgraphs(subgraphs).withBuffers(buffers)), notes);
    }

    private static boolean consumer(Operator op) {
        return op.code().is(BuiltinOp.CONV_2D) || op.code().is(BuiltinOp.DEPTHWISE_CONV_2D)
                || op.code().is(BuiltinOp.FULLY_CONNECTED);
    }

    /**
     * A tensor in CSR over its last dimension: the non-zero values in row-major order, their indices
     * in the last dimension (uint8/uint16/int32, the smallest that fits) and one segment boundary
     * per row of all leading dimensions.
     */
    record CsrLastDim(byte[] values, SparsityParams params, int nonZeros, long bytes) {
        static CsrLastDim of(ByteBuffer data, int[] shape, int width) {
            int last = shape[shape.length - 1];
            int rows = 1;
            for (int i = 0; i < shape.length - 1; i++) {
                rows *= shape[i];
            }
            ByteBuffer d = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int base = d.position();
            int[] segments = new int[rows + 1];
            int[] idx = new int[rows * last];
            ByteBuffer vals = ByteBuffer.allocate(rows * last * width).order(ByteOrder.LITTLE_ENDIAN);
            int nz = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < last; c++) {
                    int at = base + (r * last + c) * width;
                    if (!isZero(d, at, width)) {
                        for (int k = 0; k < width; k++) {
                            vals.put(d.get(at + k));
                        }
                        idx[nz++] = c;
                    }
                }
                segments[r + 1] = nz;
            }
            int idxType = typeFor(last - 1);
            int segType = typeFor(nz);
            List<SparsityParams.DimensionMetadata> dims = new ArrayList<>();
            int[] order = new int[shape.length];
            for (int i = 0; i < shape.length - 1; i++) {
                order[i] = i;
                dims.add(new SparsityParams.DimensionMetadata(0, shape[i], 0, null, 0, null));
            }
            order[shape.length - 1] = shape.length - 1;
            dims.add(new SparsityParams.DimensionMetadata(1, 0, segType, segments, idxType,
                    java.util.Arrays.copyOf(idx, nz)));
            long bytes = (long) nz * width + (long) nz * sizeOf(idxType) + (long) (rows + 1) * sizeOf(segType);
            byte[] v = java.util.Arrays.copyOf(vals.array(), nz * width);
            return new CsrLastDim(v, new SparsityParams(order, null, dims), nz, bytes);
        }

        private static boolean isZero(ByteBuffer d, int at, int width) {
            return switch (width) {
                case 1 -> d.get(at) == 0;
                case 2 -> d.getShort(at) == 0;
                case 4 -> d.getInt(at) == 0 || d.getFloat(at) == 0f;
                default -> d.getLong(at) == 0;
            };
        }

        /** SparseIndexVector codes: 1 int32, 2 uint16, 3 uint8. */
        private static int typeFor(int max) {
            return max <= 0xFF ? 3 : max <= 0xFFFF ? 2 : 1;
        }

        private static int sizeOf(int type) {
            return type == 3 ? 1 : type == 2 ? 2 : 4;
        }
    }
}
