package dev.slimfit.ui.common;

import dev.slimfit.optimize.Plan;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Saves and loads plans as recipe JSON. Stands in for the core {@code Recipe} class until it
 * lands; the app only talks to this interface, so switching is one constructor argument.
 */
public interface PlanStore {

    /** Writes {@code plan} for the model named {@code modelName} to {@code target}. */
    void save(Plan plan, String modelName, Path target) throws IOException;

    /** Reads a plan from {@code source}. */
    Plan load(Path source) throws IOException;

    /**
     * Reads a plan for {@code model} from {@code source}; formats whose rules match layers by
     * pattern (Google's AI Edge Quantizer recipes) need the model to resolve them.
     */
    default Plan load(Path source, dev.slimfit.model.Model model) throws IOException {
        return load(source);
    }

    /** The JSON text that {@link #save} writes. */
    String toJson(Plan plan, String modelName);
}
