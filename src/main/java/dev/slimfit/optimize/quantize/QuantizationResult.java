package dev.slimfit.optimize.quantize;

import dev.slimfit.model.Model;
import java.util.List;

/**
 * A quantized model and what the quantizer did to get it: where QUANTIZE/DEQUANTIZE ops were
 * inserted, which layers fell back to another scheme and why. The notes are for people (the
 * report, the UI); nothing parses them.
 *
 * @param model the quantized model (provenance metadata included)
 * @param notes one sentence each, in the order the decisions were made
 */
public record QuantizationResult(Model model, List<String> notes) {
    public QuantizationResult {
        notes = List.copyOf(notes);
    }
}
