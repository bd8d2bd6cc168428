package dev.slimfit.bench.jmh;

import dev.slimfit.oracle.SharedModels;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link InvokeBenchmark} on the models of its {@code model} parameter that exist under
 * {@code ../shared/models} (the property {@code slimfit.shared} moves it), and none when the
 * directory is absent. Other JMH command-line options pass through, e.g. {@code -p threads=2},
 * {@code -p engine=slimfit}, {@code -rf json -rff target/jmh.json}. The command is in the README's
 * performance section.
 */
public final class InvokeBenchmarks {
    private InvokeBenchmarks() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        if (!SharedModels.available()) {
            System.err.println("../shared not found at " + SharedModels.expectedRoot() + ": no models to benchmark");
            return;
        }
        CommandLineOptions cli = new CommandLineOptions(args);
        List<String> models = new ArrayList<>();
        for (String m : cli.getParameter("model").orElse(defaults())) {
            if (Files.isRegularFile(SharedModels.expectedRoot().resolve("models").resolve(m))) {
                models.add(m);
            } else {
                System.err.println("skipping " + m + ": not under " + SharedModels.expectedRoot().resolve("models"));
            }
        }
        if (models.isEmpty()) {
            return;
        }
        Options opts = new OptionsBuilder().parent(cli)
                .include(InvokeBenchmark.class.getName() + ".invoke")
                .param("model", models.toArray(String[]::new))
                .jvmArgsAppend("-Xmx2g", "-Dslimfit.shared=" + SharedModels.expectedRoot())
                .build();
        new Runner(opts).run();
    }

    private static List<String> defaults() {
        try {
            String[] values = InvokeBenchmark.class.getField("model")
                    .getAnnotation(org.openjdk.jmh.annotations.Param.class).value();
            return List.of(values);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }
}
