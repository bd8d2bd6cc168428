package dev.slimfit.model;

/**
 * Bytes the source file carried after the flatbuffer: the zip of "associated files" (label
 * lists) that TFLite's metadata writer appends. In the file its offsets are absolute positions;
 * here they are kept relative to the archive's first byte, so two models with the same archive
 * are equal wherever their flatbuffers end, and a writer rebases them to where it puts the zip.
 */
public record AppendedArchive(Buffer zip) {
}
