package dev.slimfit.ui.wizard;

import dev.slimfit.eval.AccuracyEvaluator;
import dev.slimfit.eval.Dataset;
import dev.slimfit.eval.Fidelity;
import dev.slimfit.eval.InputSpec;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.optimize.SizeEstimator;
import dev.slimfit.ui.common.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Runs the wizard's candidates off the UI thread: optimize (calibrating when needed), size
 * via {@link SizeEstimator}, then top-1 (labelled samples) and agreement/SQNR with the original.
 * A failing candidate becomes a row with its error; the others still run.
 */
final class CandidateRunner {
    private final CandidateOptimizer optimizer;
    private final int threads;

    CandidateRunner(CandidateOptimizer optimizer, int threads) {
        this.optimizer = optimizer;
        this.threads = Math.max(1, threads);
    }

    List<CandidateResult> run(Model original, List<Candidate> candidates, Dataset data, int calibrationSamples,
                              TaskExecutor.Progress progress) throws Exception {
        List<CandidateResult> out = new ArrayList<>();
        int steps = candidates.size() + 1;
        out.add(measure(original, Candidate.of(Scheme.FLOAT32), Plan.keepAll(), original, data, false, progress, 0,
                steps));
        for (int i = 0; i < candidates.size(); i++) {
            Candidate s = candidates.get(i);
            Plan plan = s.plan(calibrationSamples);
            int step = i + 1;
            try {
                if (s.needsSamples() && data == null) {
                    throw new IllegalStateException("needs representative samples to calibrate");
                }
                Model m = optimizer.optimize(original, plan, data,
                        (d, t) -> progress.update((step + 0.5 * d / Math.max(1, t)) / steps,
                                "Calibrating " + s.id() + " \u2014 " + d + " / " + t),
                        progress::isCancelled);
                out.add(measure(original, s, plan, m, data, i == 0, progress, step, steps));
            } catch (CancellationException | java.io.IOException e) {
                throw e; // a sample that cannot be read spoils every candidate: report it once
            } catch (Exception | LinkageError e) {
                if (progress.isCancelled()) {
                    throw new CancellationException("cancelled");
                }
                out.add(CandidateResult.failed(s, plan, i == 0, message(e)));
            }
        }
        progress.update(1, "Done");
        return out;
    }

    private CandidateResult measure(Model original, Candidate s, Plan plan, Model m, Dataset data, boolean rec,
                                    TaskExecutor.Progress p, int step, int steps) throws Exception {
        SizeEstimator.Estimate e = SizeEstimator.estimate(m);
        double top1 = Double.NaN;
        double agree = Double.NaN;
        double sqnr = Double.NaN;
        if (data != null && data.size() > 0) {
            boolean same = InputSpec.of(original, 0).type() == InputSpec.of(m, 0).type();
            if (data.labelled() && same) {
                top1 = new AccuracyEvaluator(threads).evaluate(m, data, 0,
                        (d, t) -> p.update((step + 0.5 + 0.25 * d / Math.max(1, t)) / steps,
                                "Accuracy of " + s.id() + " \u2014 " + d + " / " + t),
                        p::isCancelled).top1();
            }
            if (same && m != original) {
                Fidelity.Result f = new Fidelity(threads).compare(original, m, data, 0,
                        (d, t) -> p.update((step + 0.75 + 0.25 * d / Math.max(1, t)) / steps,
                                "Agreement of " + s.id() + " \u2014 " + d + " / " + t),
                        p::isCancelled);
                agree = f.top1Agreement();
                sqnr = f.sqnrDb();
            } else if (m == original) {
                agree = 1.0;
                sqnr = Double.POSITIVE_INFINITY;
            }
        }
        return new CandidateResult(s, plan, e.rawBytes(), e.compressedBytes(), top1, agree, sqnr, rec, null);
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
