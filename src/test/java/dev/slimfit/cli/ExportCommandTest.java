package dev.slimfit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimfit.SharedModels;
import dev.slimfit.model.Model;
import dev.slimfit.model.ModelSummary;
import dev.slimfit.tflite.TfliteReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slimfit export}: identity export, the printed line, and never writing over the input. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void identityExportKeepsTheModelAndItsAssociatedFiles() throws IOException {
        Path src = SharedModels.require("imagenet/mobilenet_v1_0.25_128_quant.tflite");
        Path out = tmp.resolve("copy.tflite");
        Cli.Result r = Cli.run("export", src.toString(), "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertEquals("wrote " + out + " (" + String.format(java.util.Locale.ROOT, "%,d", Files.size(out))
                + " bytes)\n", r.out());
        Model before = TfliteReader.read(src);
        Model after = TfliteReader.read(out);
        assertEquals(before, after);
        assertEquals(List.of("imagenet_labels.txt"), ModelSummary.of(after).archive().entries());
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(out), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void refusesTheInputPathItself() throws IOException {
        Path m = copyOfSmallModel();
        assertRefused(m, m.toString());
    }

    @Test
    void refusesOtherSpellingsOfTheInputPath() throws IOException {
        Path m = copyOfSmallModel();
        Files.createDirectory(tmp.resolve("sub"));
        assertRefused(m, tmp + "/./m.tflite");
        assertRefused(m, tmp + "/sub/../m.tflite");
    }

    @Test
    void refusesASymlinkOrHardLinkToTheInput() throws IOException {
        Path m = copyOfSmallModel();
        Path sym = Files.createSymbolicLink(tmp.resolve("link.tflite"), m);
        assertRefused(m, sym.toString());
        assertTrue(Files.isSymbolicLink(sym), "the link is left alone");
        Path hard = Files.createLink(tmp.resolve("hard.tflite"), m);
        assertRefused(m, hard.toString());
    }

    @Test
    void missingOutputDirectoryIsOneLine() throws IOException {
        Path m = copyOfSmallModel();
        Path out = tmp.resolve("no/such/dir/out.tflite");
        String line = Cli.run("export", m.toString(), "-o", out.toString()).assertOneLineFailure().line();
        assertTrue(line.startsWith("slimfit: " + out + ": "), line);
    }

    private void assertRefused(Path model, String output) throws IOException {
        byte[] before = Files.readAllBytes(model);
        String line = Cli.run("export", model.toString(), "-o", output).assertOneLineFailure().line();
        assertEquals("slimfit: " + output + ": is the input model " + model
                + " (same file); refusing to overwrite it, choose another output", line);
        assertArrayEquals(before, Files.readAllBytes(model), "the input is untouched");
    }

    private Path copyOfSmallModel() throws IOException {
        return Files.copy(SharedModels.require("micro/hello_world_int8.tflite"), tmp.resolve("m.tflite"));
    }
}
