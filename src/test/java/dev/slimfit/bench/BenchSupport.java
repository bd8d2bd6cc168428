package dev.slimfit.bench;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.KernelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the latency benchmarks share: opening a fed interpreter, native buffers for TFLite, the load. */
public final class BenchSupport {
    private BenchSupport() {
    }

    /** A Slimfit interpreter at {@code threads} threads with {@code in} copied into its inputs. */
    public static Interpreter open(Model m, List<byte[]> in, int threads) throws KernelException {
        Interpreter it = Interpreter.create(m, InterpreterOptions.defaults().withThreads(threads));
        for (int i = 0; i < in.size(); i++) {
            it.input(i).copyFrom(ByteBuffer.wrap(in.get(i)));
        }
        return it;
    }

    /** A direct, native-order copy: TFLite's Java API reads model and input bytes from one without copying. */
    public static ByteBuffer direct(byte[] b) {
        ByteBuffer bb = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
        bb.put(b).rewind();
        return bb;
    }

    /**
     * The 1-minute load average from {@code /proc/loadavg}, or "?" where there is none: timings on the
     * shared machine mean little without it.
     */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    public static double ms(long nanos) {
        return nanos / 1e6;
    }
}
