package dev.slimfit.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.model.Model;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.tflite.TfliteReader;
import dev.slimfit.tflite.TfliteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeEstimatorTest {
    private static final String MOBILENET = "imagenet/mobilenet_v1_0.25_128_float.tflite";

    /** The compressed size a user sees: the model alone in a zip. */
    private static long zippedEntrySize(Path file) throws Exception {
        Path zip = file.resolveSibling(file.getFileName() + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("model.tflite"));
            out.write(Files.readAllBytes(file));
            out.closeEntry();
        }
        try (var zf = new java.util.zip.ZipFile(zip.toFile())) {
            return zf.getEntry("model.tflite").getCompressedSize();
        }
    }

    private static void assertAgreesWithExport(Model planned, Path dir, String name) throws Exception {
        SizeEstimator.Estimate e = SizeEstimator.estimate(planned);
        Path out = dir.resolve(name);
        TfliteWriter.write(planned, out);
        long raw = Files.size(out);
        long zipped = zippedEntrySize(out);
        assertEquals(raw, e.rawBytes(), 0.01 * raw, name + " raw");
        assertEquals(zipped, e.compressedBytes(), 0.03 * zipped, name + " compressed");
        long layerRaw = e.layers().stream().mapToLong(SizeEstimator.LayerSize::rawBytes).sum();
        assertTrue(layerRaw <= raw && layerRaw > 0.9 * raw, "weights are most of the file: " + layerRaw + "/" + raw);
    }

    @Test
    void estimateAgreesWithTheExportedFileForPlainPrunedAndClusteredModels(@TempDir Path dir) throws Exception {
        Model m = TfliteReader.read(SharedModels.model(MOBILENET));
        assertAgreesWithExport(m, dir, "plain.tflite");

        Plan pruned = Plan.keepAll().withDefaults(LayerChoice.KEEP.withPruning(
                new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false)));
        Model p = WeightTransforms.apply(m, pruned, Map.of()).model();
        assertAgreesWithExport(p, dir, "pruned.tflite");

        Plan clustered = Plan.keepAll().withDefaults(LayerChoice.KEEP.withClustering(
                new Clustering(16, Clustering.Init.LINEAR, false)));
        Model c = WeightTransforms.apply(m, clustered, Map.of()).model();
        assertAgreesWithExport(c, dir, "clustered.tflite");

        long plain = SizeEstimator.estimate(m).compressedBytes();
        long prunedSize = SizeEstimator.estimate(p).compressedBytes();
        long clusteredSize = SizeEstimator.estimate(c).compressedBytes();
        assertEquals(SizeEstimator.estimate(m).rawBytes(), SizeEstimator.estimate(p).rawBytes(), 0.01 * plain,
                "pruning does not change the raw size");
        assertTrue(prunedSize < 0.75 * plain, "50% pruning compresses: " + prunedSize + " vs " + plain);
        assertTrue(clusteredSize < 0.6 * plain, "16 clusters compress: " + clusteredSize + " vs " + plain);
    }

    @Test
    void perLayerNumbersReportSparsityAndUniqueValues() throws Exception {
        Model m = TfliteReader.read(SharedModels.model(MOBILENET));
        Plan plan = Plan.keepAll().withDefaults(new LayerChoice(Scheme.FLOAT32, Granularity.PER_CHANNEL,
                new Pruning(0.5, Pruning.Pattern.UNSTRUCTURED, false), new Clustering(8, Clustering.Init.LINEAR, false)));
        Model p = WeightTransforms.apply(m, plan, Map.of()).model();
        SizeEstimator.Estimate e = SizeEstimator.estimate(p);
        long withWeights = e.layers().stream().filter(l -> l.elements() > 100).count();
        assertTrue(withWeights >= 14, "conv/depthwise/FC layers: " + withWeights);
        for (SizeEstimator.LayerSize l : e.layers()) {
            if (l.elements() > 100) {
                assertTrue(l.uniqueValues() <= 8, l.layerId() + " unique " + l.uniqueValues());
                // per-channel pruning rounds half up per channel: 5 of 9 depthwise taps is 0.556
                assertTrue(l.sparsity() >= 0.49 && l.sparsity() <= 0.57, l.layerId() + " sparsity " + l.sparsity());
            }
        }
    }
}
