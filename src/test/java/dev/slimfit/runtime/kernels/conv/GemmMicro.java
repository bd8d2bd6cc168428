package dev.slimfit.runtime.kernels.conv;

import java.util.Locale;
import java.util.Random;

/** Scratch micro-benchmark of inner-product shapes (run as a main from test classes). */
public final class GemmMicro {
    interface Body {
        void run(int k, int n);
    }

    static float[] p = new float[4 * 2304];
    static float[] w = new float[2304 * 256];
    static int[] pi = new int[4 * 2304];
    static int[] wi = new int[2304 * 256];
    static float[][] a = new float[4][256];
    static int[][] ai = new int[4][256];

    static void time(String name, int k, int n, Body b) {
        long macs = 0;
        int iters = (int) Math.max(200, 100_000_000L / (4L * k * n));
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < iters; i++) {
            b.run(k, n);
            macs += 4L * k * n;
        }
        long t1 = mx.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "%-10s k=%d n=%d: %.2f GMAC/s%n", name, k, n, macs / (double) (t1 - t0));
    }

    static void dotInt(int[] p, int po, int k, int[] w, int n, int[] acc) {
        for (int j = 0; j < n; j++) {
            int s = 0;
            int wo = j * k;
            for (int i = 0; i < k; i++) {
                s += p[po + i] * w[wo + i];
            }
            acc[j] = s;
        }
    }

    public static void main(String[] args) {
        Random r = new Random(1);
        for (int i = 0; i < pi.length; i++) {
            pi[i] = r.nextInt(255) - 127;
            p[i] = r.nextFloat();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextFloat();
            wi[i] = r.nextInt(255) - 127;
        }
        int[][] shapes = {{64, 64}, {256, 256}, {16, 32}, {27, 8}, {288, 32}};
        for (int rep = 0; rep < 2; rep++) {
            for (int[] s : shapes) {
                time("float4", s[0], s[1], (k, n) -> TileGemm.float4(p, 0, k, 2 * k, 3 * k, k, w, n, 0, n, a[0], a[1], a[2], a[3]));
                time("float1x4", s[0], s[1], (k, n) -> {
                    for (int q = 0; q < 4; q++) {
                        TileGemm.float1(p, q * k, k, w, n, 0, n, a[q]);
                    }
                });
                time("int4", s[0], s[1], (k, n) -> TileGemm.int4(pi, 0, k, 2 * k, 3 * k, k, wi, n, 0, n, ai[0], ai[1], ai[2], ai[3]));
                time("int1x4", s[0], s[1], (k, n) -> {
                    for (int q = 0; q < 4; q++) {
                        TileGemm.int1(pi, q * k, k, wi, n, 0, n, ai[q]);
                    }
                });
                time("intdot", s[0], s[1], (k, n) -> {
                    for (int q = 0; q < 4; q++) {
                        dotInt(pi, q * k, k, wi, n, ai[q]);
                    }
                });
            }
        }
    }
}
