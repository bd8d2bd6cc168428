package dev.slimfit.runtime.kernels;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.runtime.KernelRegistry;
import dev.slimfit.runtime.kernels.conv.BatchMatMulKernel;
import dev.slimfit.runtime.kernels.conv.Conv2DKernel;
import dev.slimfit.runtime.kernels.conv.DepthwiseConv2DKernel;
import dev.slimfit.runtime.kernels.conv.FullyConnectedKernel;
import dev.slimfit.runtime.kernels.conv.PoolKernel;
import dev.slimfit.runtime.kernels.conv.TransposeConvBiasKernel;
import dev.slimfit.runtime.kernels.conv.TransposeConvKernel;

/** Registration of the conv op family. */
public final class ConvKernels {
    private ConvKernels() {
    }

    /** Adds this family's kernels to {@code r}. */
    public static void register(KernelRegistry r) {
        r.register(BuiltinOp.CONV_2D, 5, new Conv2DKernel());
        r.register(BuiltinOp.DEPTHWISE_CONV_2D, 6, new DepthwiseConv2DKernel());
        r.register(BuiltinOp.FULLY_CONNECTED, 9, new FullyConnectedKernel());
        r.register(BuiltinOp.AVERAGE_POOL_2D, 3, new PoolKernel(PoolKernel.Mode.AVERAGE));
        r.register(BuiltinOp.MAX_POOL_2D, 3, new PoolKernel(PoolKernel.Mode.MAX));
        r.register(BuiltinOp.L2_POOL_2D, 1, new PoolKernel(PoolKernel.Mode.L2));
        r.register(BuiltinOp.TRANSPOSE_CONV, 3, new TransposeConvKernel());
        r.register(BuiltinOp.BATCH_MATMUL, 4, new BatchMatMulKernel());
        r.registerCustom(TransposeConvBiasKernel.NAME, 1, new TransposeConvBiasKernel());
    }
}
