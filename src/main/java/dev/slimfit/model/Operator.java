package dev.slimfit.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One node of a subgraph: what it is ({@link OperatorCode}), which tensors it reads and writes
 * (indices into the subgraph's tensors; -1 marks an omitted optional input), and its options.
 */
public final class Operator {
    private final OperatorCode code;
    private final int[] inputs;
    private final int[] outputs;
    private final int[] intermediates;
    private final OpOptions options;
    private final byte[] customOptions;
    private final int customOptionsFormat;
    private final boolean[] mutatingVariableInputs;
    private final CompositeOptions options2;

    /** Full constructor; nullable: intermediates, options, customOptions, mutatingVariableInputs, options2. */
    public Operator(OperatorCode code, int[] inputs, int[] outputs, int[] intermediates, OpOptions options,
                    byte[] customOptions, int customOptionsFormat, boolean[] mutatingVariableInputs,
                    CompositeOptions options2) {
        this.code = Objects.requireNonNull(code, "code");
        this.inputs = inputs == null ? new int[0] : inputs.clone();
        this.outputs = outputs == null ? new int[0] : outputs.clone();
        this.intermediates = intermediates == null ? null : intermediates.clone();
        this.options = options;
        this.customOptions = customOptions == null ? null : customOptions.clone();
        this.customOptionsFormat = customOptionsFormat;
        this.mutatingVariableInputs = mutatingVariableInputs == null ? null : mutatingVariableInputs.clone();
        this.options2 = options2;
    }

    /** A builtin operator with options. */
    public static Operator of(OperatorCode code, int[] inputs, int[] outputs, OpOptions options) {
        return new Operator(code, inputs, outputs, null, options, null, 0, null, null);
    }

    public OperatorCode code() {
        return code;
    }

    /** Input tensor indices (copy). */
    public int[] inputs() {
        return inputs.clone();
    }

    /** Number of input slots (including omitted optional ones). */
    public int inputCount() {
        return inputs.length;
    }

    /** Tensor index of input slot {@code i}, or -1 when that optional input is omitted or absent. */
    public int input(int i) {
        return i < inputs.length ? inputs[i] : -1;
    }

    /** Output tensor indices (copy). */
    public int[] outputs() {
        return outputs.clone();
    }

    public int outputCount() {
        return outputs.length;
    }

    public int output(int i) {
        return outputs[i];
    }

    /** Intermediate tensor indices (LSTM), or null. */
    public int[] intermediates() {
        return intermediates == null ? null : intermediates.clone();
    }

    /** Builtin options, or null for ops without an options table. */
    public OpOptions options() {
        return options;
    }

    /** Custom options bytes (flexbuffer for most custom ops), or null. */
    public byte[] customOptions() {
        return customOptions == null ? null : customOptions.clone();
    }

    public int customOptionsFormat() {
        return customOptionsFormat;
    }

    public boolean[] mutatingVariableInputs() {
        return mutatingVariableInputs == null ? null : mutatingVariableInputs.clone();
    }

    /** StableHLO composite options, or null. */
    public CompositeOptions options2() {
        return options2;
    }

    public Operator withCode(OperatorCode newCode) {
        return new Operator(newCode, inputs, outputs, intermediates, options, customOptions, customOptionsFormat,
                mutatingVariableInputs, options2);
    }

    public Operator withInputs(int[] newInputs) {
        return new Operator(code, newInputs, outputs, intermediates, options, customOptions, customOptionsFormat,
                mutatingVariableInputs, options2);
    }

    public Operator withOutputs(int[] newOutputs) {
        return new Operator(code, inputs, newOutputs, intermediates, options, customOptions, customOptionsFormat,
                mutatingVariableInputs, options2);
    }

    public Operator withOptions(OpOptions newOptions) {
        return new Operator(code, inputs, outputs, intermediates, newOptions, customOptions, customOptionsFormat,
                mutatingVariableInputs, options2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Operator p && code.equals(p.code) && Arrays.equals(inputs, p.inputs)
                && Arrays.equals(outputs, p.outputs) && Arrays.equals(intermediates, p.intermediates)
                && Objects.equals(options, p.options) && Arrays.equals(customOptions, p.customOptions)
                && customOptionsFormat == p.customOptionsFormat
                && Arrays.equals(mutatingVariableInputs, p.mutatingVariableInputs)
                && Objects.equals(options2, p.options2);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, Arrays.hashCode(inputs), Arrays.hashCode(outputs));
    }

    @Override
    public String toString() {
        return code.displayName() + " v" + code.version() + " " + Arrays.toString(inputs) + " -> "
                + Arrays.toString(outputs);
    }
}
