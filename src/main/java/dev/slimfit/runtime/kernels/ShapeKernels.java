package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.shape.ArgMinMax;
import dev.slimfit.runtime.kernels.shape.BroadcastTo;
import dev.slimfit.runtime.kernels.shape.Cumsum;
import dev.slimfit.runtime.kernels.shape.DepthSpace;
import dev.slimfit.runtime.kernels.shape.GatherNd;
import dev.slimfit.runtime.kernels.shape.MirrorPad;
import dev.slimfit.runtime.kernels.shape.Pack;
import dev.slimfit.runtime.kernels.shape.Range;
import dev.slimfit.runtime.kernels.shape.ReverseV2;
import dev.slimfit.runtime.kernels.shape.ScatterNd;
import dev.slimfit.runtime.kernels.shape.Shape;
import dev.slimfit.runtime.kernels.shape.SpaceBatch;
import dev.slimfit.runtime.kernels.shape.Split;
import dev.slimfit.runtime.kernels.shape.Tile;
import dev.slimfit.runtime.kernels.shape.TopKV2;
import dev.slimfit.runtime.kernels.shape.Where;
import dev.slimfit.runtime.kernels.shape.Concatenation;
import dev.slimfit.runtime.kernels.shape.ExpandDims;
import dev.slimfit.runtime.kernels.shape.Gather;
import dev.slimfit.runtime.kernels.shape.Mean;
import dev.slimfit.runtime.kernels.shape.Pad;
import dev.slimfit.runtime.kernels.shape.Reduce;
import dev.slimfit.runtime.kernels.shape.Slice;
import dev.slimfit.runtime.kernels.shape.StridedSlice;
import dev.slimfit.runtime.kernels.shape.Transpose;
import dev.slimfit.runtime.kernels.shape.Reshape;
import dev.slimfit.runtime.kernels.shape.ResizeBilinear;
import dev.slimfit.runtime.kernels.shape.ResizeNearestNeighbor;
import dev.slimfit.runtime.kernels.shape.Squeeze;

/** Registration of the shape op family. */
public final class ShapeKernels {
    private ShapeKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
        r.register(BuiltinOp.RESHAPE, 1, new Reshape());
        r.register(BuiltinOp.SQUEEZE, 1, new Squeeze());
        r.register(BuiltinOp.EXPAND_DIMS, 1, new ExpandDims());
        r.register(BuiltinOp.CONCATENATION, 3, new Concatenation());
        r.register(BuiltinOp.PAD, 4, new Pad(false));
        r.register(BuiltinOp.PADV2, 4, new Pad(true));
        r.register(BuiltinOp.TRANSPOSE, 5, new Transpose());
        r.register(BuiltinOp.SLICE, 5, new Slice());
        r.register(BuiltinOp.STRIDED_SLICE, 5, new StridedSlice());
        r.register(BuiltinOp.GATHER, 5, new Gather());
        r.register(BuiltinOp.MEAN, 3, new Mean());
        r.register(BuiltinOp.SUM, 2, new Reduce(Reduce.Kind.SUM));
        r.register(BuiltinOp.REDUCE_PROD, 2, new Reduce(Reduce.Kind.PROD));
        r.register(BuiltinOp.REDUCE_MAX, 3, new Reduce(Reduce.Kind.MAX));
        r.register(BuiltinOp.REDUCE_MIN, 3, new Reduce(Reduce.Kind.MIN));
        r.register(BuiltinOp.ARG_MAX, 3, new ArgMinMax(true));
        r.register(BuiltinOp.ARG_MIN, 3, new ArgMinMax(false));
        r.register(BuiltinOp.RESIZE_BILINEAR, 4, new ResizeBilinear());
        r.register(BuiltinOp.RESIZE_NEAREST_NEIGHBOR, 4, new ResizeNearestNeighbor());
        r.register(BuiltinOp.PACK, 3, new Pack(true));
        r.register(BuiltinOp.UNPACK, 4, new Pack(false));
        r.register(BuiltinOp.SPLIT, 4, new Split(false));
        r.register(BuiltinOp.SPLIT_V, 2, new Split(true));
        r.register(BuiltinOp.MIRROR_PAD, 2, new MirrorPad());
        r.register(BuiltinOp.GATHER_ND, 3, new GatherNd());
        r.register(BuiltinOp.SCATTER_ND, 1, new ScatterNd());
        r.register(BuiltinOp.BROADCAST_TO, 3, new BroadcastTo());
        r.register(BuiltinOp.SHAPE, 1, new Shape());
        r.register(BuiltinOp.TILE, 2, new Tile());
        r.register(BuiltinOp.DEPTH_TO_SPACE, 2, new DepthSpace(true));
        r.register(BuiltinOp.SPACE_TO_DEPTH, 2, new DepthSpace(false));
        r.register(BuiltinOp.BATCH_TO_SPACE_ND, 3, new SpaceBatch(false));
        r.register(BuiltinOp.SPACE_TO_BATCH_ND, 3, new SpaceBatch(true));
        r.register(BuiltinOp.RANGE, 1, new Range());
        r.register(BuiltinOp.REVERSE_V2, 3, new ReverseV2());
        r.register(BuiltinOp.CUMSUM, 1, new Cumsum());
        r.register(BuiltinOp.TOPK_V2, 2, new TopKV2());
        r.register(BuiltinOp.WHERE, 1, new Where());
    }
}
