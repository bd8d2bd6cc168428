package dev.slimfit.runtime.kernels.seq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.InProcessOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.OracleResult;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.KernelException;
import dev.slimfit.testing.Conformance;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** {@link Conformance#check} with the {@link TestKernels} registry, and helpers to run our interpreter. */
final class OracleCheck {
    private OracleCheck() {
    }

    static void check(Model m, int seeds) {
        byte[] file = SingleOpModelBytes.of(m);
        for (int seed = 0; seed < seeds; seed++) {
            List<byte[]> in = Conformance.inputs(m, seed);
            OracleResult ref = InProcessOracle.get().run(file, in, OracleOptions.DEFAULT).requireOk();
            compare(m, ref, run(m, in), "seed " + seed);
        }
    }

    static void compare(Model m, OracleResult ref, List<byte[]> got, String where) {
        assertEquals(ref.outputs().size(), got.size(), "output count");
        var sg = m.mainSubgraph();
        for (int o = 0; o < got.size(); o++) {
            var t = sg.tensor(sg.outputs()[o]);
            Conformance.compare(t.name(), t.type(), ref.outputBytes(o), got.get(o), Conformance.FLOAT_TOL,
                    where + ", output " + o);
        }
    }

    static List<byte[]> run(Model m, List<byte[]> in) {
        try (Interpreter it = Interpreter.create(m, new InterpreterOptions(1, TestKernels.registry()))) {
            return invoke(it, in);
        } catch (KernelException e) {
            throw new AssertionError("Slimfit cannot run the model: " + e.getMessage(), e);
        }
    }

    static List<byte[]> invoke(Interpreter it, List<byte[]> in) throws KernelException {
        for (int i = 0; i < in.size(); i++) {
            it.input(i).copyFrom(ByteBuffer.wrap(in.get(i)));
        }
        it.invoke();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < it.outputCount(); i++) {
            ByteBuffer b = it.output(i).toByteBuffer();
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.add(a);
        }
        return out;
    }
}
