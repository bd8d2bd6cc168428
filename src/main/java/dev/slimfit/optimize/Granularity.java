package dev.slimfit.optimize;

/** How many scales a weight tensor gets. */
public enum Granularity {
    /** One scale per output channel (conv: dimension 0; depthwise: dimension 3; FC: dimension 0). */
    PER_CHANNEL,
    /** One scale for the whole tensor. */
    PER_TENSOR
}
