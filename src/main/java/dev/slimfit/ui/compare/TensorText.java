package dev.slimfit.ui.compare;

import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.util.Locale;

/** Short text for a tensor's type and quantization, as the compare tables show it. */
final class TensorText {
    private TensorText() {
    }

    static String typeName(TensorType t) {
        return t.name().toLowerCase(Locale.ROOT);
    }

    /** "float32", "int8 s=0.0039 zp=-128", "int8 per-channel ×32 (dim 0)". */
    static String describe(Tensor t) {
        String type = typeName(t.type());
        QuantizationParams q = t.quantization();
        if (q == null || !t.isQuantized() || q.scales().length == 0) {
            return type;
        }
        if (q.isPerChannel()) {
            return String.format(Locale.ROOT, "%s per-channel \u00d7%d (dim %d)", type, q.channelCount(),
                    q.quantizedDimension());
        }
        return String.format(Locale.ROOT, "%s s=%.4g zp=%d", type, q.scale(0), q.zeroPoint(0));
    }
}
