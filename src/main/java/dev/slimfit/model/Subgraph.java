package dev.slimfit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A subgraph: its tensors, its operators in execution order, and its input/output tensor indices. */
public final class Subgraph {
    private final String name;
    private final List<Tensor> tensors;
    private final int[] inputs;
    private final int[] outputs;
    private final List<Operator> operators;

    public Subgraph(String name, List<Tensor> tensors, int[] inputs, int[] outputs, List<Operator> operators) {
        this.name = name;
        this.tensors = List.copyOf(tensors);
        this.inputs = inputs == null ? new int[0] : inputs.clone();
        this.outputs = outputs == null ? new int[0] : outputs.clone();
        this.operators = List.copyOf(operators);
    }

    /** The subgraph's name, or null when the file has none. */
    public String name() {
        return name;
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(int index) {
        return tensors.get(index);
    }

    public int[] inputs() {
        return inputs.clone();
    }

    public int[] outputs() {
        return outputs.clone();
    }

    public List<Operator> operators() {
        return operators;
    }

    public Subgraph withTensors(List<Tensor> newTensors) {
        return new Subgraph(name, newTensors, inputs, outputs, operators);
    }

    public Subgraph withOperators(List<Operator> newOperators) {
        return new Subgraph(name, tensors, inputs, outputs, newOperators);
    }

    public Subgraph withInputs(int[] newInputs) {
        return new Subgraph(name, tensors, newInputs, outputs, operators);
    }

    public Subgraph withOutputs(int[] newOutputs) {
        return new Subgraph(name, tensors, inputs, newOutputs, operators);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subgraph s && Objects.equals(name, s.name) && tensors.equals(s.tensors)
                && Arrays.equals(inputs, s.inputs) && Arrays.equals(outputs, s.outputs)
                && operators.equals(s.operators);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, tensors.size(), operators.size());
    }

    @Override
    public String toString() {
        return "Subgraph[" + name + ", " + tensors.size() + " tensors, " + operators.size() + " ops]";
    }
}
