package dev.slimfit.optimize;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A per-layer optimization plan: a default choice, per-layer overrides (by {@link Layer#id()}),
 * the model I/O type for full-integer schemes and how to calibrate. Immutable; every edit returns
 * a new plan (which is what makes undo/redo in the UI trivial).
 */
public final class Plan {
    private final LayerChoice defaults;
    private final Map<String, LayerChoice> overrides;
    private final IoType io;
    private final CalibrationSpec calibration;

    public Plan(LayerChoice defaults, Map<String, LayerChoice> overrides, IoType io, CalibrationSpec calibration) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        this.io = Objects.requireNonNull(io, "io");
        this.calibration = Objects.requireNonNull(calibration, "calibration");
    }

    /** The plan that changes nothing. */
    public static Plan keepAll() {
        return new Plan(LayerChoice.KEEP, Map.of(), IoType.FLOAT, CalibrationSpec.DEFAULT);
    }

    /** One scheme for every layer (layers that cannot take it keep float32 when applied). */
    public static Plan uniform(Scheme scheme) {
        return new Plan(LayerChoice.of(scheme), Map.of(), IoType.FLOAT, CalibrationSpec.DEFAULT);
    }

    public LayerChoice defaults() {
        return defaults;
    }

    /** Per-layer overrides by layer id. */
    public Map<String, LayerChoice> overrides() {
        return overrides;
    }

    public IoType io() {
        return io;
    }

    public CalibrationSpec calibration() {
        return calibration;
    }

    /** The choice for a layer: its override, or the default. */
    public LayerChoice choiceFor(String layerId) {
        return overrides.getOrDefault(layerId, defaults);
    }

    /** True when some layer's scheme needs calibration data. */
    public boolean needsCalibration(Collection<Layer> layers) {
        return layers.stream().anyMatch(l -> effectiveScheme(l).needsCalibration());
    }

    /** The scheme a layer gets: its choice, or float32 when the op cannot take it. */
    public Scheme effectiveScheme(Layer layer) {
        Scheme s = choiceFor(layer.id()).scheme();
        return layer.allowed().contains(s) ? s : Scheme.FLOAT32;
    }

    /** This plan with {@code layerId} set to {@code choice}. */
    public Plan with(String layerId, LayerChoice choice) {
        Map<String, LayerChoice> m = new LinkedHashMap<>(overrides);
        if (choice.equals(defaults)) {
            m.remove(layerId);
        } else {
            m.put(layerId, choice);
        }
        return new Plan(defaults, m, io, calibration);
    }

    /** This plan with {@code edit} applied to each of {@code layerIds} (one undoable step in the UI). */
    public Plan withAll(Collection<String> layerIds, UnaryOperator<LayerChoice> edit) {
        Plan p = this;
        for (String id : layerIds) {
            p = p.with(id, edit.apply(p.choiceFor(id)));
        }
        return p;
    }

    public Plan withDefaults(LayerChoice newDefaults) {
        return new Plan(newDefaults, overrides, io, calibration);
    }

    public Plan withIo(IoType newIo) {
        return new Plan(defaults, overrides, newIo, calibration);
    }

    public Plan withCalibration(CalibrationSpec spec) {
        return new Plan(defaults, overrides, io, spec);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plan p && defaults.equals(p.defaults) && overrides.equals(p.overrides) && io == p.io
                && calibration.equals(p.calibration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaults, overrides, io, calibration);
    }

    @Override
    public String toString() {
        return "Plan[default " + defaults.scheme().id() + ", " + overrides.size() + " overrides, io " + io + "]";
    }
}
