package dev.slimfit.optimize;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Produces docs/compression-table.md's numbers (opt-in, a few minutes):
 * {@code mvn -B -q test -Dtest=CompressionTable -Dslimfit.bench=true} writes
 * target/compression-table.md — MobileNet v1 0.25/128 float, 100 shared ImageNet samples (TF-slim
 * protocol, calibration on the same images), top-1 and top-1 agreement with the float model from
 * our interpreter, sizes from {@link SizeEstimator} (deflate level 6 of the exact exported bytes).
 */
class CompressionTable {
    @Test
    void writeTable() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("slimfit.bench"), "opt-in: -Dslimfit.bench=true");
        Assumptions.assumeTrue(SharedModels.available(), "../shared is absent");
        ImageNetBench b = new ImageNetBench();
        Model int8 = b.optimize(ImageNetBench.plan(Scheme.INT8, null, null), false).model();
        long int8Compressed = SizeEstimator.estimate(int8).compressedBytes();
        List<String> lines = new ArrayList<>();
        lines.add("| configuration | raw bytes | compressed bytes | compressed vs int8 | top-1 | agreement with float |");
        lines.add("|---|---:|---:|---:|---:|---:|");
        lines.add(b.measure("float32 (original)", b.floatModel).markdown(int8Compressed));
        String name = "int8";
        Scheme s = Scheme.INT8;
        for (double sp : new double[] {0, 0.25, 0.5, 0.75}) {
            Pruning p = sp == 0 ? null : new Pruning(sp, Pruning.Pattern.UNSTRUCTURED, false);
            lines.add(b.measure(String.format(java.util.Locale.ROOT, "%s, %.0f%% pruned", name, 100 * sp),
                    b.optimize(ImageNetBench.plan(s, p, null), false).model()).markdown(int8Compressed));
            if (sp > 0) {
                Pruning r = new Pruning(sp, Pruning.Pattern.UNSTRUCTURED, true);
                lines.add(b.measure(String.format(java.util.Locale.ROOT, "%s, %.0f%% pruned + repair", name,
                        100 * sp), b.optimize(ImageNetBench.plan(s, r, null), false).model())
                        .markdown(int8Compressed));
            }
        }
        for (int k : new int[] {256, 64, 16, 8}) {
            Clustering[] variants = {new Clustering(k, Clustering.Init.KMEANS_PLUS_PLUS, false),
                new Clustering(k, Clustering.Init.KMEANS_PLUS_PLUS, true), Clustering.recommended(k)};
            String[] labels = {" per tensor", " per channel", " scaled + repair (default)"};
            for (int v = 0; v < variants.length; v++) {
                lines.add(b.measure(name + ", " + k + " clusters" + labels[v],
                        b.optimize(ImageNetBench.plan(s, null, variants[v]), false).model()).markdown(int8Compressed));
            }
        }
        lines.add(b.measure(name + ", 16 clusters scaled + repair, ECSQ λ=" + ImageNetBench.CLASSIFIER_LAMBDA
                + " on the logits conv (the bar)", b.optimize(b.sixteenClusterBarPlan(), false).model())
                .markdown(int8Compressed));
        Path out = Path.of("target", "compression-table.md");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardCharsets.UTF_8);
    }
}
