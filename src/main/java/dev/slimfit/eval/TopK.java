package dev.slimfit.eval;

/** Top-k class indices, best first; equal scores go to the lower index (numpy argmax's rule). */
public final class TopK {
    private TopK() {
    }

    /** The indices of the {@code k} largest scores (fewer if there are fewer scores). */
    public static int[] of(double[] scores, int k) {
        int m = Math.min(k, scores.length);
        int[] best = new int[m];
        int filled = 0;
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            int pos = filled;
            // strictly greater moves ahead: an earlier index keeps its place on ties
            while (pos > 0 && s > scores[best[pos - 1]]) {
                pos--;
            }
            if (pos < m) {
                int end = Math.min(filled, m - 1);
                System.arraycopy(best, pos, best, pos + 1, end - pos);
                best[pos] = i;
                if (filled < m) {
                    filled++;
                }
            }
        }
        return best;
    }
}
