package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.SparsityParams;
import dev.slimfit.model.TensorType;
import dev.slimfit.runtime.Kernel;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.runtime.OpContext;
import dev.slimfit.runtime.PreparedOp;
import dev.slimfit.runtime.RuntimeTensor;
import java.util.Arrays;
import java.util.List;

/**
 * DENSIFY as TFLite 2.6.2 (densify.cc with sparsity/format_converter.cc {@code SparseToDense}): the
 * constant input holds only the stored values of a tensor in TFLite's sparse encoding — a traversal
 * order over the original and block dimensions, a block map, and per traversal level either a
 * dense size or CSR segments/indices. Walking the levels recursively in traversal order, the k-th
 * stored value lands at the dense position its level indices spell; everything else is zero.
 * Positions are computed once in prepare; eval only scatters.
 */
public final class Densify implements Kernel {
    @Override
    public PreparedOp prepare(OpContext ctx) throws KernelException {
        RuntimeTensor in = ctx.requireInput(0);
        RuntimeTensor out = ctx.output(0);
        SparsityParams sp = in.modelTensor() == null ? null : in.modelTensor().sparsity();
        if (!in.isConstant() || sp == null) {
            throw new KernelException("DENSIFY needs a constant sparse input, got " + in);
        }
        TensorType t = in.type();
        if (t != TensorType.FLOAT32 && t != TensorType.FLOAT16 && t != TensorType.INT8) {
            throw new KernelException("DENSIFY of " + t + " is not supported");
        }
        if (out.type() != t) {
            throw new KernelException("DENSIFY output type " + out.type() + " differs from input " + t);
        }
        int[] shape = in.shape();
        out.resize(shape);
        int[] positions = new Walker(shape, sp).positions();
        int stored = java.lang.reflect.Array.getLength(in.data());
        if (positions.length > stored) {
            throw new KernelException("DENSIFY: the sparsity describes " + positions.length + " values, the buffer holds "
                    + stored);
        }
        return () -> {
            Object src = in.data();
            Object dst = out.data();
            int n = out.flatSize();
            switch (t) {
                case FLOAT32 -> {
                    float[] s = (float[]) src;
                    float[] d = (float[]) dst;
                    Arrays.fill(d, 0, n, 0f);
                    for (int k = 0; k < positions.length; k++) {
                        d[positions[k]] = s[k];
                    }
                }
                case FLOAT16 -> {
                    short[] s = (short[]) src;
                    short[] d = (short[]) dst;
                    Arrays.fill(d, 0, n, (short) 0);
                    for (int k = 0; k < positions.length; k++) {
                        d[positions[k]] = s[k];
                    }
                }
                default -> {
                    byte[] s = (byte[]) src;
                    byte[] d = (byte[]) dst;
                    Arrays.fill(d, 0, n, (byte) 0);
                    for (int k = 0; k < positions.length; k++) {
                        d[positions[k]] = s[k];
                    }
                }
            }
        };
    }

    /** FormatConverter's recursive Populate, recording each stored value's dense flat index. */
    private static final class Walker {
        private final int[] dense;
        private final int[] order;
        private final int[] blockMap;
        private final int[] blockSize;
        private final List<SparsityParams.DimensionMetadata> meta;
        private final int[] indices;
        private int[] out = new int[16];
        private int count;

        Walker(int[] dense, SparsityParams sp) throws KernelException {
            this.dense = dense;
            this.order = sp.traversalOrder();
            this.blockMap = sp.blockMap() == null ? new int[0] : sp.blockMap();
            this.meta = sp.dimMetadata();
            if (order == null || meta.size() != order.length || order.length != dense.length + blockMap.length) {
                throw new KernelException("DENSIFY: inconsistent sparsity parameters");
            }
            blockSize = new int[blockMap.length];
            for (int i = 0; i < blockMap.length; i++) {
                blockSize[i] = meta.get(dense.length + i).denseSize();
            }
            indices = new int[order.length];
        }

        int[] positions() throws KernelException {
            populate(0, 0);
            return Arrays.copyOf(out, count);
        }

        private void populate(int level, int prev) throws KernelException {
            if (level == indices.length) {
                record();
                return;
            }
            SparsityParams.DimensionMetadata m = meta.get(level);
            if (m.format() == 0) {
                int size = m.denseSize();
                for (int i = 0; i < size; i++) {
                    indices[level] = i;
                    populate(level + 1, prev * size + i);
                }
            } else {
                int[] seg = m.segments();
                int[] idx = m.indices();
                if (seg == null || idx == null || prev + 1 >= seg.length) {
                    throw new KernelException("DENSIFY: CSR level " + level + " lacks segments for row " + prev);
                }
                for (int i = seg[prev]; i < seg[prev + 1]; i++) {
                    indices[level] = idx[i];
                    populate(level + 1, i);
                }
            }
        }

        private void record() throws KernelException {
            int rank = dense.length;
            int[] orig = new int[rank];
            for (int i = 0; i < rank; i++) {
                orig[order[i]] = indices[i];
            }
            for (int i = rank; i < indices.length; i++) {
                int block = order[i] - rank;
                int dim = blockMap[block];
                orig[dim] = orig[dim] * blockSize[block] + indices[i];
            }
            int flat = 0;
            for (int d = 0; d < rank; d++) {
                if (orig[d] < 0 || orig[d] >= dense[d]) {
                    throw new KernelException("DENSIFY: stored value outside the dense shape");
                }
                flat = flat * dense[d] + orig[d];
            }
            if (count == out.length) {
                out = Arrays.copyOf(out, count * 2);
            }
            out[count++] = flat;
        }
    }
}
