package dev.slimfit.eval;

import dev.slimfit.model.Model;
import dev.slimfit.runtime.KernelException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Top-1/top-5 accuracy of a classifier on labelled samples (labels already shifted by the
 * dataset's offset), reading output {@code outputIndex} dequantized.
 */
public final class AccuracyEvaluator {
    private final int threads;

    public AccuracyEvaluator(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** Per-sample prediction: top-5 best first and the top-1 score. */
    public record Prediction(int index, int label, int[] top5, double top1Score) {
    }

    /** Result: counts and per-sample predictions in dataset order. */
    public record Result(int samples, int top1Correct, int top5Correct, List<Prediction> predictions) {
        public double top1() {
            return samples == 0 ? 0 : (double) top1Correct / samples;
        }

        public double top5() {
            return samples == 0 ? 0 : (double) top5Correct / samples;
        }
    }

    /** Runs the model on every sample. */
    public Result evaluate(Model model, Dataset data, int outputIndex, ProgressListener progress,
                           BooleanSupplier cancel) throws IOException, KernelException {
        Prediction[] preds = new Prediction[data.size()];
        SampleRunner.run(List.of(model), data, threads, progress, cancel, () -> preds, (p, its, i, inputs) -> {
            SampleRunner.invoke(its[0], inputs, null);
            double[] scores = its[0].output(outputIndex).toDoubles();
            int[] top = TopK.of(scores, 5);
            p[i] = new Prediction(i, data.label(i), top, scores[top[0]]);
        });
        return score(List.of(preds));
    }

    /** Scores predictions (unlabelled samples are skipped). */
    public static Result score(List<Prediction> preds) {
        int n = 0;
        int t1 = 0;
        int t5 = 0;
        for (Prediction p : preds) {
            if (p.label() == Dataset.NO_LABEL) {
                continue;
            }
            n++;
            if (p.top5().length > 0 && p.top5()[0] == p.label()) {
                t1++;
            }
            for (int c : p.top5()) {
                if (c == p.label()) {
                    t5++;
                    break;
                }
            }
        }
        return new Result(n, t1, t5, new ArrayList<>(preds));
    }
}
