package dev.slimfit.ui.eval;

import dev.slimfit.eval.AccuracyEvaluator;
import dev.slimfit.eval.Fidelity;
import dev.slimfit.eval.LatencyBenchmark;
import dev.slimfit.eval.LayerErrors;
import java.util.List;
import java.util.Map;

/**
 * Everything one Evaluate run measured, original next to optimized.
 *
 * @param samples         samples evaluated
 * @param labelled        true when accuracy could be scored
 * @param originalAcc     accuracy of the original model, or null when unlabelled
 * @param optimizedAcc    accuracy of the optimized model, or null when unlabelled
 * @param fidelity        agreement/SQNR/cosine of the outputs, or null when inputs differ
 * @param layers          per-layer errors, in the optimized model's op order
 * @param originalLatency latency of the original model
 * @param optimizedLatency latency of the optimized model
 * @param latencyShare    per original layer id: share (0..1) of the optimized model's op time
 * @param notes           what was skipped and why
 */
public record EvaluationReport(int samples, boolean labelled, AccuracyEvaluator.Result originalAcc,
                               AccuracyEvaluator.Result optimizedAcc, Fidelity.Result fidelity,
                               List<LayerErrors.Row> layers, LatencyBenchmark.Result originalLatency,
                               LatencyBenchmark.Result optimizedLatency, Map<String, Double> latencyShare,
                               List<String> notes) {
    public EvaluationReport {
        layers = List.copyOf(layers);
        latencyShare = Map.copyOf(latencyShare);
        notes = List.copyOf(notes);
    }
}
