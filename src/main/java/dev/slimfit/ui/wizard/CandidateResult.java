package dev.slimfit.ui.wizard;

import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;

/**
 * One measured candidate of the wizard.
 *
 * @param candidate       the recipe tried (FLOAT32 alone for the original baseline)
 * @param plan            the plan that produced it
 * @param rawBytes        serialized-size estimate
 * @param compressedBytes deflated size estimate (what a download costs)
 * @param top1            top-1 accuracy on labelled samples, NaN when unlabelled or failed
 * @param agreement       top-1 agreement with the original, NaN when not measured
 * @param sqnrDb          output SQNR vs the original, NaN when not measured
 * @param recommended     true for the tree's first choice
 * @param error           why the candidate failed, or null
 */
public record CandidateResult(Candidate candidate, Plan plan, long rawBytes, long compressedBytes, double top1,
                              double agreement, double sqnrDb, boolean recommended, String error) {

    /** A failed candidate. */
    public static CandidateResult failed(Candidate candidate, Plan plan, boolean recommended, String error) {
        return new CandidateResult(candidate, plan, 0, 0, Double.NaN, Double.NaN, Double.NaN, recommended, error);
    }

    /** True when it was measured. */
    public boolean ok() {
        return error == null;
    }

    /** The quality number to plot: top-1 when labelled, else agreement. */
    public double quality() {
        return Double.isNaN(top1) ? agreement : top1;
    }

    /** The scheme of every layer. */
    public Scheme scheme() {
        return candidate.scheme();
    }

    /** A display name of the candidate. */
    public String label() {
        return candidate.label();
    }
}
