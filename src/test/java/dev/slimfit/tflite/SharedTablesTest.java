package dev.slimfit.tflite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.testing.Conformance;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The writer stores identical option and quantization tables once (MobileNet's 13 pointwise
 * convolutions have the same Conv2DOptions); the file reads back to the same model and TFLite
 * 2.6.2 runs it with the source's outputs.
 */
class SharedTablesTest {
    @Test
    void identicalOptionTablesAreWrittenOnceAndTheModelIsUnchanged() throws Exception {
        String rel = "imagenet/mobilenet_v1_0.25_128_float.tflite";
        byte[] src = SharedModels.read(rel);
        Model m = TfliteReader.read(ByteBuffer.wrap(src), rel);
        ByteBuffer out = TfliteWriter.toBytes(m);
        byte[] bytes = new byte[out.remaining()];
        out.duplicate().get(bytes);
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        org.tensorflow.lite.schema.SubGraph sg = org.tensorflow.lite.schema.Model.getRootAsModel(bb).subgraphs(0);
        Set<Integer> options = new HashSet<>();
        for (int i = 0; i < sg.operatorsLength(); i++) {
            options.add(RawSlots.table(bb, RawSlots.position(sg.operators(i)), 4));
        }
        long distinct = m.mainSubgraph().operators().stream().map(o -> o.options()).distinct().count();
        assertEquals(distinct, options.size(), "one table per distinct options value");
        assertTrue(options.size() < sg.operatorsLength(), options.size() + " tables for " + sg.operatorsLength() + " ops");
        Model back = TfliteReader.read(ByteBuffer.wrap(bytes), "back");
        assertEquals(m.mainSubgraph().operators(), back.mainSubgraph().operators());
        var inputs = Conformance.inputs(m, 1);
        var a = InProcessOracle.get().run(src, inputs, OracleOptions.DEFAULT).requireOk();
        var b = InProcessOracle.get().run(bytes, inputs, OracleOptions.DEFAULT).requireOk();
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.outputs().get(0).data(), b.outputs().get(0).data());
    }
}
