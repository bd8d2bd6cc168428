package dev.slimfit.optimize.quantize;

import dev.slimfit.model.BuiltinOp;
import dev.slimfit.model.Model;
import dev.slimfit.model.QuantizationParams;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import java.util.HashMap;
import java.util.Map;

/**
 * New constant tensors for the quantized graph (float16 copies behind a DEQUANTIZE, int8
 * weights, int32/int64 biases, int8/int16 copies of other constant operands), each made once per
 * source tensor and each new buffer once per source buffer: tensors that shared a float buffer
 * share the encoded one, which keeps shared weights consistent and the file small.
 */
final class Constants {
    private final Model src;
    private final Subgraph sg;
    private final WorkGraph g;
    private final Map<String, Integer> constCache = new HashMap<>();
    private final Map<Integer, float[]> presetScales;

    Constants(Model src, WorkGraph g, Map<Integer, float[]> presetScales) {
        this.src = src;
        this.sg = src.mainSubgraph();
        this.g = g;
        this.presetScales = presetScales;
    }

    int float16View(int t) {
        String key = "f16:" + t;
        Integer c = constCache.get(key);
        if (c != null) {
            return c;
        }
        Tensor o = sg.tensor(t);
        int buf = buffer("f16:" + o.buffer(), () -> WeightCodec.float16(WeightCodec.floats(src.dataOf(o))));
        int h = g.addTensor(o.withType(TensorType.FLOAT16).withBuffer(buf));
        int f = g.addTensor(Emitter.plain(o.name() + "_dequantize", TensorType.FLOAT32, o));
        g.ops.add(Emitter.op(BuiltinOp.DEQUANTIZE, OpRules.dequantizeVersion(TensorType.FLOAT16), h, f));
        constCache.put(key, f);
        return f;
    }

    int int8Weight(int t, int dim) {
        return int8Weight(t, dim, false);
    }

    /** Int8 weights; {@code uniform}: one scale for all channels (weights clustered per tensor). */
    int int8Weight(int t, int dim, boolean uniform) {
        String key = "w8:" + t + ":" + dim + ":" + uniform;
        Integer c = constCache.get(key);
        if (c != null) {
            return c;
        }
        Tensor o = sg.tensor(t);
        float[] preset = presetScales.get(t);
        boolean usePreset = preset != null && dim >= 0 && o.shape()[dim] == preset.length;
        WeightCodec.Encoded e = usePreset ? WeightCodec.withScales(WeightCodec.floats(src.dataOf(o)), o.shape(), dim,
                preset) : WeightCodec.symmetricInt8(WeightCodec.floats(src.dataOf(o)), o.shape(), dim, uniform);
        int buf = buffer("w8:" + o.buffer() + ":" + dim + ":" + uniform + ":" + usePreset, e::bytes);
        QuantizationParams q = dim < 0 ? QuantizationParams.perTensor(e.scales()[0], 0)
                : QuantizationParams.perChannel(e.scales(), e.zeroPoints(), dim);
        int w = g.addTensor(o.withType(TensorType.INT8).withBuffer(buf).withQuantization(q));
        constCache.put(key, w);
        return w;
    }

    int bias(int t, float inScale, float[] wScales, boolean wide) {
        Tensor o = sg.tensor(t);
        WeightCodec.Encoded e = WeightCodec.bias(WeightCodec.floats(src.dataOf(o)), inScale, wScales, wide);
        int buf = g.addBuffer(e.bytes());
        QuantizationParams q = e.scales().length == 1 ? QuantizationParams.perTensor(e.scales()[0], 0)
                : QuantizationParams.perChannel(e.scales(), e.zeroPoints(), 0);
        return g.addTensor(o.withType(wide ? TensorType.INT64 : TensorType.INT32).withBuffer(buf).withQuantization(q));
    }

    int activationLike(int t, boolean i16) {
        String key = "ca:" + t + ":" + i16;
        Integer c = constCache.get(key);
        if (c != null) {
            return c;
        }
        Tensor o = sg.tensor(t);
        WeightCodec.Encoded e = WeightCodec.perTensorActivationLike(WeightCodec.floats(src.dataOf(o)), i16);
        int buf = buffer("ca:" + o.buffer() + ":" + i16, e::bytes);
        int q = g.addTensor(o.withType(i16 ? TensorType.INT16 : TensorType.INT8).withBuffer(buf)
                .withQuantization(QuantizationParams.perTensor(e.scales()[0], e.zeroPoints()[0])));
        constCache.put(key, q);
        return q;
    }

    /** One new buffer per (source buffer, encoding), so tensors that shared a float buffer share the new one. */
    private int buffer(String key, java.util.function.Supplier<byte[]> bytes) {
        Integer c = constCache.get("buf:" + key);
        if (c != null) {
            return c;
        }
        int b = g.addBuffer(bytes.get());
        constCache.put("buf:" + key, b);
        return b;
    }

}
