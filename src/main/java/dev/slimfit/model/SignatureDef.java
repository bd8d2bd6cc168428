package dev.slimfit.model;

import java.util.List;

/** A signature: a named entry point into a subgraph, mapping public names to tensor indices. */
public record SignatureDef(String key, int subgraphIndex, List<TensorMap> inputs, List<TensorMap> outputs) {
    public SignatureDef {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** A public name for one tensor of the signature's subgraph. */
    public record TensorMap(String name, int tensorIndex) {
    }
}
