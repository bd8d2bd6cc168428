package dev.slimfit.runtime.kernels.seq;

import dev.slimfit.model.Model;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.ByteBuffer;

/** A model as .tflite bytes through our writer. */
final class SingleOpModelBytes {
    private SingleOpModelBytes() {
    }

    static byte[] of(Model m) {
        ByteBuffer b = TfliteWriter.toBytes(m);
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
