package dev.slimfit.runtime;

import java.util.HashMap;
import java.util.Map;

/** Resource variables of one interpreter, keyed by the VAR_HANDLE's container/shared name. */
public final class ResourceVariables {
    private final Map<String, RuntimeTensor> values = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private int generation;

    /** A stable integer id for a variable name (what a VAR_HANDLE output holds). */
    public int idOf(String key) {
        return ids.computeIfAbsent(key, k -> ids.size());
    }

    /** The variable with this id, or null when never assigned. */
    public RuntimeTensor get(int id) {
        return values.get(String.valueOf(id));
    }

    public void put(int id, RuntimeTensor value) {
        values.put(String.valueOf(id), value);
    }

    /**
     * Incremented each time the variables are cleared ({@code Interpreter.resetVariables()}), so
     * that CALL_ONCE knows its initialization must run again.
     */
    public int generation() {
        return generation;
    }

    void clear() {
        values.clear();
        generation++;
    }
}
