package dev.slimfit.optimize.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slimfit.cli.OptimizeCommand;
import dev.slimfit.oracle.IsolatedOracle;
import dev.slimfit.oracle.OracleOptions;
import dev.slimfit.oracle.SharedModels;
import dev.slimfit.model.Model;
import dev.slimfit.optimize.Recipe;
import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Scheme;
import dev.slimfit.testing.Conformance;
import dev.slimfit.tflite.TfliteReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The optimize command end to end on a shared model, with the oracle standing in for calibration. */
class OptimizeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(OptimizeCommand c, String... args) {
        CommandLine cl = new CommandLine(c);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void schemeWritesARunnableModelAndAReport(@TempDir Path dir) throws Exception {
        Path src = SharedModels.model("mnist/conv_fc_mnist_float.tflite");
        Path o = dir.resolve("o.tflite");
        Path rep = dir.resolve("r.json");
        assertEquals(0, run(new OptimizeCommand(), src.toString(), "--scheme", "float16", "-o", o.toString(),
                "--report", rep.toString()), err::toString);
        byte[] bytes = Files.readAllBytes(o);
        Model m = TfliteReader.read(o);
        IsolatedOracle.shared().run(bytes, Conformance.inputs(m, 1), OracleOptions.DEFAULT).requireOk();
        JsonNode r = new ObjectMapper().readTree(rep.toFile());
        assertEquals(Files.size(o), r.get("outputBytes").asLong());
        assertEquals("float16", r.get("provenance").get("defaultScheme").asText());
        assertTrue(r.get("ratio").asDouble() < 0.52);
    }

    @Test
    void int8WithoutCalibrationIsRefusedAndWritesNothing(@TempDir Path dir) {
        Path src = SharedModels.model("mnist/conv_fc_mnist_float.tflite");
        Path o = dir.resolve("o.tflite");
        int code = dev.slimfit.cli.SlimfitCommand.execute(new PrintWriter(out), new PrintWriter(err), "optimize",
                src.toString(), "--scheme", "int8", "-o", o.toString());
        assertEquals(2, code, err::toString);
        assertTrue(err.toString().startsWith("slimfit: " + src + ": ") && err.toString().contains("calibration"),
                err::toString);
        assertFalse(Files.exists(o));
    }

    @Test
    void recipeWithCalibrationSourceProducesUint8Io(@TempDir Path dir) throws Exception {
        Path src = SharedModels.model("mnist/conv_fc_mnist_float.tflite");
        Path rec = dir.resolve("int8.json");
        Recipe.of(Plan.uniform(Scheme.INT8)).write(rec);
        Path o = dir.resolve("o.tflite");
        OptimizeCommand c = new OptimizeCommand(calDir -> (model, spec, progress, cancel) -> OracleRanges.of(model, 2));
        assertEquals(0, run(c, src.toString(), "--recipe", rec.toString(), "--calibration", dir.toString(),
                "--io", "uint8", "-o", o.toString()), err::toString);
        Model m = TfliteReader.read(o);
        assertEquals("UINT8", m.mainSubgraph().tensor(m.mainSubgraph().inputs()[0]).type().name());
        assertEquals("UINT8", m.mainSubgraph().tensor(m.mainSubgraph().outputs()[0]).type().name());
        IsolatedOracle.shared().run(Files.readAllBytes(o), Conformance.inputs(m, 1), OracleOptions.DEFAULT)
                .requireOk();
    }

    @Test
    void refusesToOverwriteTheSource() {
        Path src = SharedModels.model("mnist/conv_fc_mnist_float.tflite");
        int code = run(new OptimizeCommand(), src.toString(), "--scheme", "float16", "-o", src.toString());
        assertTrue(code != 0);
    }
}
