package dev.slimfit;

/** Placeholder; replaced below. */
public final class Launcher {
    private Launcher() { }
    public static void main(String[] args) { }
}
