package dev.slimfit.optimize;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Model;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import dev.slimfit.model.TensorType;
import dev.slimfit.oracle.SharedModels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Where the compressed bytes of MobileNet v1 0.25/128 go (opt-in,
 * {@code mvn -B -q test -Dtest=CompressionBreakdown -Dslimfit.bench=true}): per int8 weight tensor
 * its elements, deflated bytes, bits per weight after deflate and the order-0 byte entropy, for
 * int8-only and the configurations in {@code slimfit.breakdown} (default: the two bars). Writes
 * target/compression-breakdown.md.
 */
class CompressionBreakdown {
    @Test
    void writeBreakdown() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("slimfit.bench"), "opt-in: -Dslimfit.bench=true");
        Assumptions.assumeTrue(SharedModels.available(), "../shared is absent");
        ImageNetBench b = new ImageNetBench();
        List<String> lines = new ArrayList<>();
        Model int8 = b.optimize(ImageNetBench.plan(Scheme.INT8, null, null), false).model();
        long base = SizeEstimator.estimate(int8).compressedBytes();
        report("int8", int8, base, lines);
        List<String> summary = new ArrayList<>();
        summary.add("| variant | compressed | vs int8 | top-1 | agreement |");
        summary.add("|---|---:|---:|---:|---:|");
        summary.add(b.measure("int8", int8).markdown(base));
        for (String v : System.getProperty("slimfit.variants", "c16:kmeans++:plain,p0.5").split(",")) {
            Scheme scheme = v.startsWith("f") ? Scheme.FLOAT32 : Scheme.INT8;
            String w = v.startsWith("f") ? v.substring(1) : v;
            Plan plan = w.startsWith("p") ? ImageNetBench.plan(scheme, variantPruning(w.substring(1)), null)
                    : ImageNetBench.plan(scheme, null, variantClustering(w.substring(1)));
            if (w.contains(":only=")) {
                // ECSQ only on layers whose id contains one of the '+'-separated names
                String names = w.substring(w.indexOf(":only=") + 6).split(":")[0];
                Clustering full = variantClustering(w.substring(1));
                Clustering plain = new Clustering(full.clusters(), full.init(), false, full.scaled(), 0, full.repair());
                plan = plan.withDefaults(plan.defaults().withClustering(plain));
                List<String> ids = LayerCatalog.of(b.floatModel).stream().map(Layer::id)
                        .filter(id -> java.util.Arrays.stream(names.split("\\+")).anyMatch(id::contains)).toList();
                plan = plan.withAll(ids, c -> c.withClustering(full));
            }
            if (w.contains(":nodw")) {
                List<String> dw = LayerCatalog.of(b.floatModel).stream().filter(l -> l.op().contains("DEPTHWISE"))
                        .map(Layer::id).toList();
                plan = plan.withAll(dw, c -> c.withClustering(null).withPruning(null));
            }
            Model m = b.optimize(plan, false).model();
            if (Boolean.getBoolean("slimfit.breakdown.layers")) {
                report(v, m, base, lines);
            }
            summary.add(b.measure(v, m).markdown(base));
            Files.write(Path.of("target", "compression-variants.md"), summary, StandardCharsets.UTF_8);
        }
        Path out = Path.of("target", "compression-breakdown.md");
        Files.write(out, lines, StandardCharsets.UTF_8);
    }

    /** "16:linear:scaled:ecsq=0.05:repair" in the CLI's --clusters syntax (all parts explicit). */
    static Clustering variantClustering(String v) {
        String[] parts = v.split(":");
        Clustering.Init init = Clustering.Init.KMEANS_PLUS_PLUS;
        boolean perChannel = false;
        boolean scaled = false;
        boolean repair = false;
        double lambda = 0;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("linear")) {
                init = Clustering.Init.LINEAR;
            } else if (p.equals("density")) {
                init = Clustering.Init.DENSITY_BASED;
            } else if (p.equals("per-channel")) {
                perChannel = true;
            } else if (p.equals("scaled")) {
                scaled = true;
            } else if (p.equals("repair")) {
                repair = true;
            } else if (p.startsWith("ecsq=")) {
                lambda = Double.parseDouble(p.substring(5));
            }
        }
        return new Clustering(Integer.parseInt(parts[0]), init, perChannel, scaled, lambda, repair);
    }

    static Pruning variantPruning(String v) {
        String[] parts = v.split(":");
        return new Pruning(Double.parseDouble(parts[0]), Pruning.Pattern.UNSTRUCTURED, v.contains("repair"));
    }

    static void report(String name, Model m, long base, List<String> lines) {
        SizeEstimator.Estimate e = SizeEstimator.estimate(m);
        lines.add(String.format(Locale.ROOT, "## %s: raw %,d compressed %,d (%.1f%% of int8)", name, e.rawBytes(),
                e.compressedBytes(), 100.0 * e.compressedBytes() / base));
        lines.add("| tensor | elements | deflated | bits/w deflated | entropy bits/w | unique | zeros |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|");
        Subgraph sg = m.mainSubgraph();
        long wBytes = 0;
        long wDeflated = 0;
        long wElements = 0;
        double wEntropyBits = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (Tensor t : sg.tensors()) {
            Buffer buf = m.dataOf(t);
            if (t.type() != TensorType.INT8 || buf.isEmpty() || !seen.add(t.buffer())) {
                continue;
            }
            ByteBuffer d = buf.data();
            int n = d.remaining();
            long z = SizeEstimator.deflatedSize(d);
            long[] hist = new long[256];
            for (int i = 0; i < n; i++) {
                hist[d.get(d.position() + i) & 0xff]++;
            }
            double h = 0;
            int unique = 0;
            for (long c : hist) {
                if (c > 0) {
                    unique++;
                    double p = (double) c / n;
                    h -= p * Math.log(p) / Math.log(2);
                }
            }
            wBytes += n;
            wDeflated += z;
            wElements += n;
            wEntropyBits += h * n;
            lines.add(String.format(Locale.ROOT, "| %s | %,d | %,d | %.2f | %.2f | %d | %.2f |", t.name(), n, z,
                    8.0 * z / n, h, unique, (double) hist[0] / n));
        }
        // what the weights would cost if nothing else were in the file
        ByteBuffer file = dev.slimfit.tflite.TfliteWriter.toBytes(m);
        lines.add(String.format(Locale.ROOT, "int8 weights: %,d B raw, %,d B deflated separately (%.2f bits/w, entropy"
                + " %.2f bits/w); the rest of the file: %,d B raw, %,d B of the compressed total", wBytes, wDeflated,
                8.0 * wDeflated / wElements, wEntropyBits / wElements, file.remaining() - wBytes,
                e.compressedBytes() - wDeflated));
        lines.add("");
    }
}
