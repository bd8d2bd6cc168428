package dev.slimfit.ui.common;

import dev.slimfit.optimize.Plan;
import dev.slimfit.optimize.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@link PlanStore} on the core {@link Recipe} format ({@value Recipe#SCHEMA}), shared with the CLI;
 * loads Google's AI Edge Quantizer recipes too, as {@code slimfit optimize --recipe} does.
 */
public final class RecipePlanStore implements PlanStore {

    @Override
    public void save(Plan plan, String modelName, Path target) throws IOException {
        Files.writeString(target, toJson(plan, modelName));
    }

    @Override
    public Plan load(Path source) throws IOException {
        try {
            return Recipe.read(source).plan();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(source.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** A Slimfit recipe, or an AI Edge Quantizer recipe (a JSON list of rules) resolved against {@code model}. */
    @Override
    public Plan load(Path source, dev.slimfit.model.Model model) throws IOException {
        String text = Files.readString(source, java.nio.charset.StandardCharsets.UTF_8);
        if (model == null || !text.stripLeading().startsWith("[")) {
            return load(source);
        }
        try {
            return dev.slimfit.optimize.AiEdgeRecipe.read(text, model).plan();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(source.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toJson(Plan plan, String modelName) {
        return new Recipe(plan, 1024, modelName == null || modelName.isEmpty() ? null : "plan for " + modelName).toJson();
    }
}
