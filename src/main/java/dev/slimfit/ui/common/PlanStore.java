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

    /** The JSON text that {@link #save} writes. */
    String toJson(Plan plan, String modelName);
}
