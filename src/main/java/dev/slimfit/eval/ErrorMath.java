package dev.slimfit.eval;

/** Sums behind RMSE, SQNR and cosine similarity of a reference vector and an approximation. */
final class ErrorMath {
    private ErrorMath() {
    }

    /** {Σa², Σ(a−b)², Σab, Σb²}. */
    static double[] sums(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("size mismatch " + a.length + " vs " + b.length);
        }
        double aa = 0;
        double ee = 0;
        double ab = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            aa += a[i] * a[i];
            ee += d * d;
            ab += a[i] * b[i];
            bb += b[i] * b[i];
        }
        return new double[] {aa, ee, ab, bb};
    }

    /** Cosine from {@link #sums}: 1 when both are zero vectors. */
    static double cosine(double[] s) {
        if (s[0] == 0 && s[3] == 0) {
            return 1;
        }
        if (s[0] == 0 || s[3] == 0) {
            return 0;
        }
        return s[2] / Math.sqrt(s[0] * s[3]);
    }
}
