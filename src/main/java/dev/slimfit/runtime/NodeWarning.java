package dev.slimfit.runtime;

/**
 * A kernel's warning about one node, raised while preparing it: the node runs, and computes what
 * TFLite 2.6.2 computes, but that result is probably not what the model's author meant (e.g. a
 * 2.6.2 quirk that discards per-channel scales). The UI and CLI show these next to the node.
 */
public record NodeWarning(int subgraph, int node, String op, String message) {
    @Override
    public String toString() {
        return "subgraph " + subgraph + ", node " + node + " " + op + ": " + message;
    }
}
