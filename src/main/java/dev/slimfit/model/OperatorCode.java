package dev.slimfit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * What an operator is: a builtin op (with the schema's two code fields kept as read) or a custom op.
 *
 * <p>The schema stores builtin codes twice: {@code deprecated_builtin_code} (int8, codes up to 127)
 * and {@code builtin_code} (int32, added later). Readers take the larger of the two, as TFLite does.
 *
 * @param builtinCode           the int32 {@code builtin_code} field as stored
 * @param deprecatedBuiltinCode the int8 {@code deprecated_builtin_code} field as stored
 * @param customCode            the custom op name, or null for builtin ops
 * @param version               the operator version (1 when absent)
 */
public record OperatorCode(int builtinCode, int deprecatedBuiltinCode, String customCode, int version) {

    /** Placeholder used by the schema's deprecated field for codes above 127. */
    public static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

    /** A builtin operator code written the way current converters write it. */
    public static OperatorCode builtin(BuiltinOp op, int version) {
        int code = op.code();
        return new OperatorCode(code, Math.min(code, PLACEHOLDER_FOR_GREATER_OP_CODES), null, version);
    }

    /** A custom operator code. */
    public static OperatorCode custom(String name, int version) {
        Objects.requireNonNull(name, "name");
        return new OperatorCode(BuiltinOp.CUSTOM.code(), BuiltinOp.CUSTOM.code(), name, version);
    }

    /** The effective builtin code: the larger of the two stored fields. */
    public int effectiveCode() {
        return Math.max(builtinCode, deprecatedBuiltinCode);
    }

    /** The builtin op, empty for codes newer than {@link BuiltinOp} knows. */
    public Optional<BuiltinOp> op() {
        return BuiltinOp.of(effectiveCode());
    }

    /** True when this is {@code op}. */
    public boolean is(BuiltinOp op) {
        return effectiveCode() == op.code();
    }

    /** True for custom operators. */
    public boolean isCustom() {
        return effectiveCode() == BuiltinOp.CUSTOM.code();
    }

    /** "CONV_2D", or the custom code for custom ops, or BUILTIN_n for unknown codes. */
    public String displayName() {
        if (isCustom()) {
            return customCode == null ? "CUSTOM" : customCode;
        }
        return BuiltinOp.nameOf(effectiveCode());
    }

    /** This code with another version. */
    public OperatorCode withVersion(int newVersion) {
        return new OperatorCode(builtinCode, deprecatedBuiltinCode, customCode, newVersion);
    }
}
