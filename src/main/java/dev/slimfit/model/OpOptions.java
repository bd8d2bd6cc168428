package dev.slimfit.model;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An operator's builtin options table: the union type (code and schema name, e.g. 11 /
 * "AddOptions") and its fields by schema field name in camelCase (e.g. "fusedActivationFunction").
 *
 * <p>Kept generic so that every one of the schema's option tables survives a read/write round
 * trip; kernels read the few fields they need once, in prepare. Values are boxed primitives
 * (Byte, Short, Integer, Long, Float, Double, Boolean), Strings, or primitive arrays (copied in
 * and out, so an instance is immutable).
 */
public final class OpOptions {
    private final int typeCode;
    private final String typeName;
    private final Map<String, Object> values;

    /** Options of the union type {@code typeCode}/{@code typeName} with the given field values. */
    public OpOptions(int typeCode, String typeName, Map<String, ?> values) {
        this.typeCode = typeCode;
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, copyValue(v)));
        this.values = Collections.unmodifiableMap(copy);
    }

    /** Options of the table {@code typeName} (e.g. "Conv2DOptions"); fields as in the schema, camelCase. */
    public static OpOptions of(String typeName, Map<String, ?> values) {
        return new OpOptions(OptionTypes.codeOf(typeName), typeName, values);
    }

    /** The schema's {@code BuiltinOptions} union code. */
    public int typeCode() {
        return typeCode;
    }

    /** The schema's table name, e.g. "Conv2DOptions". */
    public String typeName() {
        return typeName;
    }

    /** Field names in a stable order. */
    public Iterable<String> fieldNames() {
        return values.keySet();
    }

    /** True when the field is present. */
    public boolean has(String field) {
        return values.containsKey(field);
    }

    /** A field's value (arrays are copies), or null. */
    public Object get(String field) {
        return copyValue(values.get(field));
    }

    /** An integral or enum field as int; {@code dflt} when absent. */
    public int getInt(String field, int dflt) {
        Object v = values.get(field);
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return v instanceof Number n ? n.intValue() : dflt;
    }

    /** A numeric field as float; {@code dflt} when absent. */
    public float getFloat(String field, float dflt) {
        Object v = values.get(field);
        return v instanceof Number n ? n.floatValue() : dflt;
    }

    /** A boolean field; {@code dflt} when absent. */
    public boolean getBool(String field, boolean dflt) {
        Object v = values.get(field);
        return v instanceof Boolean b ? b : dflt;
    }

    /** An int-array field (copy), or an empty array when absent. */
    public int[] getInts(String field) {
        Object v = values.get(field);
        if (v == null || !v.getClass().isArray()) {
            return new int[0];
        }
        int n = Array.getLength(v);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(v, i)).intValue();
        }
        return out;
    }

    /** The fused activation, for options that have one. */
    public Activation activation() {
        return Activation.of(getInt("fusedActivationFunction", 0));
    }

    /** The padding mode, for options that have one. */
    public Padding padding() {
        return Padding.of(getInt("padding", 0));
    }

    /** A copy with one field changed (type-preserving when the field exists). */
    public OpOptions with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(field, value);
        return new OpOptions(typeCode, typeName, copy);
    }

    private static Object copyValue(Object v) {
        if (v == null || !v.getClass().isArray()) {
            return v;
        }
        int n = Array.getLength(v);
        Object out = Array.newInstance(v.getClass().getComponentType(), n);
        System.arraycopy(v, 0, out, 0, n);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OpOptions other) || other.typeCode != typeCode || !other.typeName.equals(typeName)
                || !other.values.keySet().equals(values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = typeCode;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.deepHashCode(new Object[] {e.getValue()});
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(typeName).append('{');
        String sep = "";
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            sb.append(sep).append(e.getKey()).append('=')
                    .append(v != null && v.getClass().isArray() ? Arrays.deepToString(new Object[] {v}) : v);
            sep = ", ";
        }
        return sb.append('}').toString();
    }
}
