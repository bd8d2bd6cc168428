package dev.slimfit.tflite;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Metadata;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.SignatureDef;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.util.Arrays;

/**
 * Structural checks after a read: every index points at something, shapes have sane sizes and
 * constant data has the size its tensor needs. Semantic limits of particular kernels (e.g. a
 * per-channel dimension a runtime rejects) are the interpreter's business, not the reader's.
 */
final class ModelValidator {
    private ModelValidator() {
    }

    static void validate(Model m, String file) throws TfliteFormatException {
        if (m.subgraphs().isEmpty()) {
            throw new TfliteFormatException(file + ": the model has no subgraphs");
        }
        int nBuf = m.buffers().size();
        for (int s = 0; s < m.subgraphs().size(); s++) {
            Subgraph sg = m.subgraphs().get(s);
            String where = file + ": subgraph " + s;
            int nT = sg.tensors().size();
            for (int t = 0; t < nT; t++) {
                checkTensor(m, sg.tensor(t), where + ", tensor " + t + " '" + sg.tensor(t).name() + "'", nBuf);
            }
            checkIndices(sg.inputs(), nT, false, where + " inputs");
            checkIndices(sg.outputs(), nT, false, where + " outputs");
            for (int o = 0; o < sg.operators().size(); o++) {
                Operator op = sg.operators().get(o);
                String ow = where + ", operator " + o + " (" + op.code().displayName() + ")";
                checkIndices(op.inputs(), nT, true, ow + " inputs");
                checkIndices(op.outputs(), nT, true, ow + " outputs");
                if (op.intermediates() != null) {
                    checkIndices(op.intermediates(), nT, true, ow + " intermediates");
                }
                checkConstantGatherIndices(m, sg, op, ow);
                if (op.options2() != null && (op.options2().decompositionSubgraphIndex() < 0
                        || op.options2().decompositionSubgraphIndex() >= m.subgraphs().size())) {
                    throw new TfliteFormatException(ow + ": composite decomposition subgraph "
                            + op.options2().decompositionSubgraphIndex() + " does not exist");
                }
            }
        }
        for (Metadata md : m.metadata()) {
            if (md.buffer() < 0 || md.buffer() >= nBuf) {
                throw new TfliteFormatException(file + ": metadata '" + md.name() + "' points at buffer "
                        + md.buffer() + " of " + nBuf);
            }
        }
        for (SignatureDef sig : m.signatureDefs()) {
            if (sig.subgraphIndex() < 0 || sig.subgraphIndex() >= m.subgraphs().size()) {
                throw new TfliteFormatException(file + ": signature '" + sig.key() + "' names subgraph "
                        + sig.subgraphIndex() + " of " + m.subgraphs().size());
            }
            int nT = m.subgraphs().get(sig.subgraphIndex()).tensors().size();
            for (SignatureDef.TensorMap tm : concat(sig)) {
                if (tm.tensorIndex() < 0 || tm.tensorIndex() >= nT) {
                    throw new TfliteFormatException(file + ": signature '" + sig.key() + "' maps '" + tm.name()
                            + "' to tensor " + tm.tensorIndex() + " of " + nT);
                }
            }
        }
    }

    private static Iterable<SignatureDef.TensorMap> concat(SignatureDef sig) {
        java.util.List<SignatureDef.TensorMap> all = new java.util.ArrayList<>(sig.inputs());
        all.addAll(sig.outputs());
        return all;
    }

    private static void checkTensor(Model m, Tensor t, String where, int nBuf) throws TfliteFormatException {
        // Buffer 0 is the schema's "no data" sentinel; some hand-made files omit the buffers vector.
        if (t.buffer() < 0 || (t.buffer() >= nBuf && t.buffer() != 0)) {
            throw new TfliteFormatException(where + ": buffer index " + t.buffer() + " is outside the "
                    + nBuf + " buffers");
        }
        long elements = 1;
        for (int d : t.shape()) {
            if (d < -1) {
                throw new TfliteFormatException(where + ": shape " + Arrays.toString(t.shape())
                        + " has a negative dimension");
            }
            elements = d <= 0 ? 0 : multiplySaturated(elements, d);
        }
        long bytes = t.type().bytesFor(elements);
        if (bytes > Integer.MAX_VALUE || bytes < 0) {
            throw new TfliteFormatException(where + ": shape " + Arrays.toString(t.shape()) + " of "
                    + t.type() + " needs " + bytes + " bytes, more than a tensor can hold (2 GiB)");
        }
        Buffer data = m.dataOf(t);
        if (!data.isEmpty() && t.sparsity() == null && t.type() != TensorType.STRING && t.type().byteSize() > 0
                && data.size() != bytes) {
            throw new TfliteFormatException(where + ": constant data has " + data.size() + " bytes but shape "
                    + Arrays.toString(t.shape()) + " of " + t.type() + " needs " + bytes);
        }
        if (t.quantization() != null && t.quantization().isAffine()) {
            long[] zp = t.quantization().zeroPoints();
            if (zp != null && zp.length != 0 && zp.length != t.quantization().channelCount()) {
                throw new TfliteFormatException(where + ": " + t.quantization().channelCount() + " scales but "
                        + zp.length + " zero points");
            }
        }
    }

    /**
     * A GATHER whose constant indices lie outside the gathered dimension can never run, and such
     * files are a known way to make runtimes read out of bounds (TFLite 2.6.2 crashes on one):
     * reject them when the file is read rather than when it is run.
     */
    private static void checkConstantGatherIndices(Model m, Subgraph sg, Operator op, String where)
            throws TfliteFormatException {
        if (!op.code().is(dev.slimfit.model.BuiltinOp.GATHER) || op.inputCount() < 2 || op.input(0) < 0
                || op.input(1) < 0) {
            return;
        }
        Tensor params = sg.tensor(op.input(0));
        Tensor indices = sg.tensor(op.input(1));
        Buffer data = m.dataOf(indices);
        if (data.isEmpty() || params.rank() == 0) {
            return;
        }
        int axis = op.options() == null ? 0 : op.options().getInt("axis", 0);
        if (axis < 0) {
            axis += params.rank();
        }
        if (axis < 0 || axis >= params.rank()) {
            throw new TfliteFormatException(where + ": axis " + axis + " is outside input '" + params.name()
                    + "' of rank " + params.rank());
        }
        int limit = params.dim(axis);
        java.nio.ByteBuffer bb = data.data();
        boolean i64 = indices.type() == TensorType.INT64;
        int n = data.size() / (i64 ? 8 : 4);
        for (int i = 0; i < n; i++) {
            long v = i64 ? bb.getLong(8 * i) : bb.getInt(4 * i);
            if (v < 0 || v >= limit) {
                throw new TfliteFormatException(where + ": constant index " + v + " in '" + indices.name()
                        + "' is outside dimension " + axis + " (size " + limit + ") of input '" + params.name() + "'");
            }
        }
    }

    private static long multiplySaturated(long a, long b) {
        long r = a * b;
        return (a != 0 && r / a != b) || r < 0 ? Long.MAX_VALUE : r;
    }

    private static void checkIndices(int[] idx, int n, boolean optionalAllowed, String where)
            throws TfliteFormatException {
        for (int i : idx) {
            if (i >= n || i < (optionalAllowed ? -1 : 0)) {
                throw new TfliteFormatException(where + " refer to tensor " + i + ", but the subgraph has " + n
                        + " tensors");
            }
        }
    }
}
