package dev.slimfit.ui.properties;

import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Tensor;
import dev.slimfit.ui.graph.ModelGraphs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the properties panel shows about one tensor.
 *
 * @param index         tensor index in the subgraph
 * @param name          tensor name
 * @param type          element type, lower case
 * @param shape         "1×112×112×32"
 * @param quantization  one-line summary ("per-channel(32) dim 0, scale 0.0021…0.031, zp 0"), or ""
 * @param channelLines  one line per channel for per-channel tensors (the expandable detail)
 * @param constant      true when the tensor has constant data
 */
public record TensorInfo(int index, String name, String type, String shape, String quantization,
                         List<String> channelLines, boolean constant) {

    /** Describes tensor {@code index} of the main subgraph. */
    public static TensorInfo of(Model model, int index) {
        Tensor t = model.mainSubgraph().tensor(index);
        QuantizationParams q = t.quantization();
        List<String> lines = new ArrayList<>();
        if (q != null && q.isPerChannel()) {
            for (int c = 0; c < q.channelCount(); c++) {
                lines.add(String.format(Locale.ROOT, "[%d]  scale %s  zp %d", c, num(q.scale(c)), q.zeroPoint(c)));
            }
        }
        return new TensorInfo(index, t.name(), t.type().name().toLowerCase(Locale.ROOT), ModelGraphs.shape(t.shape()),
                summary(q), lines, !model.dataOf(t).isEmpty());
    }

    /** One-line quantization summary, "" when the tensor is not quantized. */
    public static String summary(QuantizationParams q) {
        if (q == null || !q.isAffine()) {
            return "";
        }
        if (!q.isPerChannel()) {
            return "scale " + num(q.scale(0)) + ", zp " + q.zeroPoint(0);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long zlo = Long.MAX_VALUE;
        long zhi = Long.MIN_VALUE;
        for (int c = 0; c < q.channelCount(); c++) {
            lo = Math.min(lo, q.scale(c));
            hi = Math.max(hi, q.scale(c));
            zlo = Math.min(zlo, q.zeroPoint(c));
            zhi = Math.max(zhi, q.zeroPoint(c));
        }
        return "per-channel(" + q.channelCount() + ") dim " + q.quantizedDimension() + ", scale " + num(lo)
                + "\u2026" + num(hi) + ", zp " + (zlo == zhi ? String.valueOf(zlo) : zlo + "\u2026" + zhi);
    }

    /** Four significant digits, plain or scientific. */
    public static String num(double v) {
        if (v == 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }
}
