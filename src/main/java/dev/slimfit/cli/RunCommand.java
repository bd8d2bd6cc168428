package dev.slimfit.cli;

import dev.slimfit.eval.InputSpec;
import dev.slimfit.eval.NpyArray;
import dev.slimfit.eval.RandomInputs;
import dev.slimfit.eval.TensorFiles;
import dev.slimfit.model.Model;
import dev.slimfit.runtime.Interpreter;
import dev.slimfit.runtime.InterpreterOptions;
import dev.slimfit.runtime.RuntimeTensor;
import dev.slimfit.tflite.TfliteReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code slimfit run MODEL}: runs the model once on given inputs (.npy or raw little-endian) or on
 * seeded random inputs (the recipe of {@link RandomInputs}, identical to the test oracle's), and
 * prints or writes the outputs.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a model once on .npy/raw inputs or seeded random inputs; print or write outputs.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The .tflite model.")
    Path model;

    @Option(names = "--signature", paramLabel = "NAME", description = "Run this signature instead of subgraph 0.")
    String signature;

    @Option(names = "--input", arity = "1..*", paramLabel = "FILE", description = "One file per input, in order.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--output", arity = "1..*", paramLabel = "FILE",
            description = "Files for the outputs, in order (.npy, else raw little-endian).")
    List<Path> outputs = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed for random inputs.")
    long seed;

    @Spec
    CommandSpec spec;

    /** Used by picocli. */
    public RunCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Model m = TfliteReader.read(model);
        if (signature != null && m.signatureDefs().stream().noneMatch(d -> d.key().equals(signature))) {
            throw new UserError(model + ": no signature '" + signature + "'" + (m.signatureDefs().isEmpty()
                    ? " (the model has none)" : "; it has " + m.signatureDefs().stream().map(d -> "'" + d.key() + "'")
                    .collect(java.util.stream.Collectors.joining(", "))));
        }
        InterpreterOptions opts = InterpreterOptions.defaults();
        try (Interpreter it = signature == null ? Interpreter.create(m, opts)
                : Interpreter.forSignature(m, signature, opts)) {
            it.warnings().forEach(w -> spec.commandLine().getErr().println("slimfit: warning: " + w));
            if (!inputs.isEmpty() && inputs.size() != it.inputCount()) {
                throw new UserError(model + ": the model has " + it.inputCount() + " input(s), got "
                        + inputs.size() + " --input files");
            }
            for (int k = 0; k < it.inputCount(); k++) {
                RuntimeTensor t = it.input(k);
                byte[] bytes;
                if (inputs.isEmpty()) {
                    bytes = RandomInputs.forInput(t.type(), t.shape(), seed, k);
                } else {
                    InputSpec spec = new InputSpec(t.name(), t.type(), t.shape(), t.scale(), t.zeroPoint());
                    List<byte[]> s = TensorFiles.read(inputs.get(k), spec);
                    if (s.size() != 1) {
                        throw new UserError(inputs.get(k) + ": holds " + s.size() + " samples; run takes one");
                    }
                    bytes = s.get(0);
                }
                t.copyFrom(ByteBuffer.wrap(bytes));
            }
            it.invoke();
            for (int k = 0; k < it.outputCount(); k++) {
                RuntimeTensor t = it.output(k);
                out.println("output " + k + " " + t + ": " + preview(t));
                if (k < outputs.size()) {
                    write(outputs.get(k), t);
                    out.println("wrote " + outputs.get(k));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String preview(RuntimeTensor t) {
        double[] v = t.toDoubles();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < Math.min(v.length, 10); i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", v[i]));
        }
        return sb.append(v.length > 10 ? ", ... (" + v.length + " values)]" : "]").toString();
    }

    private static void write(Path file, RuntimeTensor t) throws java.io.IOException {
        byte[] raw = t.toByteBuffer().array();
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            Files.write(file, NpyArray.encode(NpyArray.dtypeOf(t.type()), t.shape(), raw));
        } else {
            Files.write(file, raw);
        }
    }
}
