package dev.slimfit.bars;

import dev.slimfit.oracle.SharedModels;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.tflite.SizeBreakdown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measuring harness for the size bar (not a test): exports every bar model under float16, dynamic
 * and int8 exactly as {@link SizeBarTest} does, writes the files to a folder and prints each
 * file's size, its ratio to the source and where its bytes go ({@link SizeBreakdown}).
 * Run: {@code java -cp target/test-classes:target/classes:<deps> dev.slimfit.bars.SizeDump OUTDIR}.
 */
public final class SizeDump {
    private SizeDump() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (String rel : BarData.MODELS) {
            long src = Files.size(SharedModels.model(rel));
            String base = rel.substring(rel.indexOf('/') + 1).replace(".tflite", "");
            for (String sc : new String[] {"float16", "dynamic", "int8"}) {
                byte[] b = SizeBarTest.export(rel, Scheme.parse(sc), 1024, dev.slimfit.optimize.Granularity.AUTO);
                Files.write(out.resolve(base + "." + sc + ".tflite"), b);
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s %s %d / %d = %.4f%n", base, sc,
                        b.length, src, b.length / (double) src));
                SizeBreakdown.of(b).forEach((k, v) -> sb.append(String.format(Locale.ROOT, "    %-48s %9d%n", k, v)));
                System.out.print(sb);
            }
        }
    }
}
