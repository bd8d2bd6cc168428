package dev.slimfit.model;

/** A named metadata entry; its bytes live in {@code Model.buffers().get(buffer)}. */
public record Metadata(String name, int buffer) {
}
