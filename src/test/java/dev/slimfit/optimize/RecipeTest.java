package dev.slimfit.optimize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipeTest {
    static Plan richPlan() {
        return Plan.uniform(Scheme.INT8).withIo(IoType.UINT8)
                .withCalibration(new CalibrationSpec(CalibrationSpec.Method.PERCENTILE, 99.9, 37))
                .with("conv/Relu6", LayerChoice.of(Scheme.FLOAT32))
                .with("fc#3", new LayerChoice(Scheme.DYNAMIC_INT8, Granularity.PER_TENSOR,
                        new Pruning(0.3, Pruning.Pattern.TWO_OF_FOUR, true),
                        new Clustering(16, Clustering.Init.DENSITY_BASED, true)))
                .with("conv2", new LayerChoice(Scheme.INT8, Granularity.PER_CHANNEL, null,
                        new Clustering(8, Clustering.Init.LINEAR, false, true, 0.05, true)));
    }

    @Test
    void writeThenReadGivesTheSameRecipe() {
        Recipe r = new Recipe(richPlan(), 0, "test \"quoted\" ✓");
        Recipe back = Recipe.fromJson(r.toJson());
        assertEquals(r, back);
        assertEquals(r.toJson(), back.toJson());
    }

    @Test
    void fileRoundTripKeepsThePlan(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.json");
        Recipe.of(richPlan()).write(f);
        assertTrue(Files.readString(f).contains("\"schema\" : \"slimfit.recipe/1\""));
        assertEquals(richPlan(), Recipe.read(f).plan());
    }

    @Test
    void wrongSchemaIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Recipe.fromJson("{\"schema\":\"x/2\"}"));
        assertTrue(e.getMessage().contains("slimfit.recipe/1"));
    }

    @Test
    void unknownKeyIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Recipe.fromJson(
                "{\"schema\":\"slimfit.recipe/1\",\"default\":{\"scheme\":\"int8\",\"granulrity\":\"per_tensor\"}}"));
        assertTrue(e.getMessage().contains("granulrity"), e.getMessage());
    }

    @Test
    void unknownSchemeIsRefusedWithTheLayer() {
        var e = assertThrows(IllegalArgumentException.class, () -> Recipe.fromJson(
                "{\"schema\":\"slimfit.recipe/1\",\"layers\":{\"a\":{\"scheme\":\"int4\"}}}"));
        assertTrue(e.getMessage().contains("layers.a.scheme"), e.getMessage());
    }

    @Test
    void minimalRecipeUsesDocumentedDefaults() {
        Recipe r = Recipe.fromJson("{\"schema\":\"slimfit.recipe/1\",\"default\":{\"scheme\":\"float16\"}}");
        assertEquals(Plan.uniform(Scheme.FLOAT16), r.plan());
        assertEquals(1024, r.hybridMinElements());
    }
}
