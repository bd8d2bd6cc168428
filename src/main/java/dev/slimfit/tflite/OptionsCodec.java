package dev.slimfit.tflite;

import com.google.flatbuffers.FlatBufferBuilder;
import com.google.flatbuffers.Table;
import dev.slimfit.model.OpOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.lite.schema.BuiltinOptions;

/**
 * Converts every one of the schema's builtin option tables to and from {@link OpOptions}, through
 * the generated object API ({@code XxxOptions.unpack()} / {@code XxxOptions.pack(builder, XxxOptionsT)}),
 * so that no option table has to be written out by hand and none is lost on a rewrite.
 */
final class OptionsCodec {
    private static final String PKG = "org.tensorflow.lite.schema.";
    private static final Map<Integer, Handles> HANDLES = new ConcurrentHashMap<>();

    private OptionsCodec() {
    }

    /** Field accessors for one option type, found once by reflection. */
    private record Handles(String name, Class<?> table, Class<?> object, List<Method> lengthChecks,
                           Method unpack, Method pack, Map<String, Method> getters, Map<String, Method> setters) {
    }

    /** The schema name of union type {@code type}, or null when this schema does not know it. */
    static String typeName(int type) {
        try {
            return BuiltinOptions.name(type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Handles handles(int type) {
        return HANDLES.computeIfAbsent(type, t -> {
            String name = typeName(t);
            if (name == null || name.isEmpty() || "NONE".equals(name)) {
                return null;
            }
            try {
                Class<?> table = Class.forName(PKG + name);
                Class<?> object = Class.forName(PKG + name + "T");
                List<Method> lengths = new ArrayList<>();
                for (Method m : table.getMethods()) {
                    if (m.getName().endsWith("Length") && m.getParameterCount() == 0 && m.getReturnType() == int.class
                            && !Modifier.isStatic(m.getModifiers())) {
                        lengths.add(m);
                    }
                }
                Map<String, Method> getters = new LinkedHashMap<>();
                Map<String, Method> setters = new LinkedHashMap<>();
                List<Method> methods = new ArrayList<>(List.of(object.getDeclaredMethods()));
                methods.sort(Comparator.comparing(Method::getName));
                for (Method m : methods) {
                    if (m.getName().startsWith("get") && m.getParameterCount() == 0 && Modifier.isPublic(m.getModifiers())) {
                        String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                        Method setter = object.getMethod("set" + m.getName().substring(3), m.getReturnType());
                        getters.put(field, m);
                        setters.put(field, setter);
                    }
                }
                Method unpack = table.getMethod("unpack");
                Method pack = table.getMethod("pack", FlatBufferBuilder.class, object);
                return new Handles(name, table, object, lengths, unpack, pack, getters, setters);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("schema class for option type " + name + " is not usable", e);
            }
        });
    }

    /**
     * Reads the options table of an operator. {@code fill} assigns the table (the generated
     * {@code Operator.builtinOptions(Table)}); vectors are bounds-checked against the buffer
     * before the object API allocates from their lengths.
     */
    static OpOptions read(int type, java.util.function.UnaryOperator<Table> fill, ByteBuffer bb)
            throws ReflectiveOperationException {
        Handles h = handles(type);
        if (h == null) {
            throw new IllegalArgumentException("unknown builtin options type " + type);
        }
        Table table = (Table) h.table.getDeclaredConstructor().newInstance();
        if (fill.apply(table) == null) {
            return null;
        }
        for (Method m : h.lengthChecks) {
            int len = (Integer) m.invoke(table);
            if (len < 0 || len > bb.capacity() / 4 + 1) {
                throw new IndexOutOfBoundsException(h.name + "." + m.getName() + " = " + len + " exceeds the file");
            }
        }
        Object obj = h.unpack.invoke(table);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Method> e : h.getters.entrySet()) {
            Object v = e.getValue().invoke(obj);
            if (v == null || isPlain(v)) {
                values.put(e.getKey(), v);
            } else {
                throw new IllegalArgumentException(h.name + "." + e.getKey() + " holds a nested table");
            }
        }
        return new OpOptions(type, h.name, values);
    }

    private static boolean isPlain(Object v) {
        return v instanceof Number || v instanceof Boolean || v instanceof String
                || (v.getClass().isArray() && v.getClass().getComponentType().isPrimitive());
    }

    /** Writes options with the generated object API; returns the table offset. */
    static int write(FlatBufferBuilder b, OpOptions options) {
        Handles h = handles(options.typeCode());
        if (h == null) {
            throw new IllegalArgumentException("cannot write builtin options type " + options.typeCode() + " ("
                    + options.typeName() + "): unknown to the schema classes");
        }
        try {
            Object obj = h.object.getDeclaredConstructor().newInstance();
            for (String field : options.fieldNames()) {
                Method setter = h.setters.get(field);
                if (setter == null) {
                    throw new IllegalArgumentException(h.name + " has no field '" + field + "'");
                }
                Object v = options.get(field);
                if (v != null) {
                    setter.invoke(obj, coerce(v, setter.getParameterTypes()[0], h.name + "." + field));
                }
            }
            return (Integer) h.pack.invoke(null, b, obj);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot write " + h.name, e);
        }
    }

    private static Object coerce(Object v, Class<?> type, String where) {
        if (type.isInstance(v) || (type.isPrimitive() && !(v instanceof Number) && !type.isArray())) {
            return v;
        }
        if (v instanceof Number n) {
            if (type == byte.class) {
                return n.byteValue();
            } else if (type == short.class) {
                return n.shortValue();
            } else if (type == int.class) {
                return n.intValue();
            } else if (type == long.class) {
                return n.longValue();
            } else if (type == float.class) {
                return n.floatValue();
            } else if (type == double.class) {
                return n.doubleValue();
            }
        }
        if (type == int[].class && v instanceof long[] l) {
            int[] out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = Math.toIntExact(l[i]);
            }
            return out;
        }
        if (type.isInstance(v)) {
            return v;
        }
        throw new IllegalArgumentException(where + ": value " + v + " does not fit " + type.getSimpleName());
    }
}
