package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.KernelException;
import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * How closely an optimized model follows its original on the same samples: top-1 agreement of
 * output {@code outputIndex}, pooled output SQNR in dB (10·log10(Σref² / Σ(ref−opt)²) over all
 * samples) and mean cosine similarity per sample. Needs no labels.
 */
public final class Fidelity {
    private final int threads;

    public Fidelity(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** The comparison. */
    public record Result(int samples, double top1Agreement, double sqnrDb, double meanCosine) {
    }

    private static final class Acc {
        int agree;
        double signal;
        double noise;
        double cosSum;
    }

    /** Runs both models on every sample. */
    public Result compare(Model original, Model optimized, Dataset data, int outputIndex, ProgressListener progress,
                          BooleanSupplier cancel) throws IOException, KernelException {
        List<Acc> parts = SampleRunner.run(List.of(original, optimized), data, threads, progress, cancel, Acc::new,
                (acc, its, i, inputs) -> {
                    SampleRunner.invoke(its[0], inputs, null);
                    double[] a = its[0].output(outputIndex).toDoubles();
                    SampleRunner.invoke(its[1], inputs, null);
                    double[] b = its[1].output(outputIndex).toDoubles();
                    add(acc, a, b);
                });
        Acc t = new Acc();
        for (Acc p : parts) {
            t.agree += p.agree;
            t.signal += p.signal;
            t.noise += p.noise;
            t.cosSum += p.cosSum;
        }
        int n = data.size();
        return new Result(n, n == 0 ? 0 : (double) t.agree / n, sqnr(t.signal, t.noise), n == 0 ? 0 : t.cosSum / n);
    }

    private static void add(Acc acc, double[] a, double[] b) {
        if (TopK.of(a, 1)[0] == TopK.of(b, 1)[0]) {
            acc.agree++;
        }
        double[] s = ErrorMath.sums(a, b);
        acc.signal += s[0];
        acc.noise += s[1];
        acc.cosSum += ErrorMath.cosine(s);
    }

    /** 10·log10(signal/noise); +∞ for identical outputs. */
    public static double sqnr(double signal, double noise) {
        if (noise == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(signal / noise);
    }
}
