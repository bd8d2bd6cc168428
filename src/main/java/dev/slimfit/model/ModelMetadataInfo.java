package dev.slimfit.model;

import java.util.List;
import java.util.Optional;

/**
 * What a model's TFLite metadata ({@code TFLITE_METADATA} entry) says about feeding and reading
 * it, as plain values: the evaluation layer pre-fills preprocessing from it (so a user of a
 * model with metadata does not have to know its normalisation) and finds label files by name.
 *
 * @param name        the model's metadata name, or null
 * @param description the model's metadata description, or null
 * @param inputs      per input tensor of subgraph 0, in order
 * @param outputs     per output tensor of subgraph 0, in order
 */
public record ModelMetadataInfo(String name, String description, List<TensorInfo> inputs,
                                List<TensorInfo> outputs) {
    public ModelMetadataInfo {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** Metadata of one input or output tensor. */
    public record TensorInfo(String name, float[] mean, float[] std, Image image, float[] statsMin,
                             float[] statsMax, List<String> labelFiles) {
        public TensorInfo {
            mean = mean == null ? null : mean.clone();
            std = std == null ? null : std.clone();
            statsMin = statsMin == null ? null : statsMin.clone();
            statsMax = statsMax == null ? null : statsMax.clone();
            labelFiles = List.copyOf(labelFiles);
        }

        /** True when a NormalizationOptions process unit gave mean and std. */
        public boolean hasNormalization() {
            return mean != null && std != null && mean.length > 0 && std.length > 0;
        }

        @Override
        public float[] mean() {
            return mean == null ? null : mean.clone();
        }

        @Override
        public float[] std() {
            return std == null ? null : std.clone();
        }

        @Override
        public float[] statsMin() {
            return statsMin == null ? null : statsMin.clone();
        }

        @Override
        public float[] statsMax() {
            return statsMax == null ? null : statsMax.clone();
        }
    }

    /** ImageProperties of an input: colour space ("RGB", "GRAYSCALE", "UNKNOWN") and default size (0 if none). */
    public record Image(String colorSpace, int width, int height) {
    }

    /** Input {@code i}'s metadata, if the metadata lists that many inputs. */
    public Optional<TensorInfo> input(int i) {
        return i >= 0 && i < inputs.size() ? Optional.of(inputs.get(i)) : Optional.empty();
    }

    /** Output {@code i}'s metadata, if listed. */
    public Optional<TensorInfo> output(int i) {
        return i >= 0 && i < outputs.size() ? Optional.of(outputs.get(i)) : Optional.empty();
    }
}
