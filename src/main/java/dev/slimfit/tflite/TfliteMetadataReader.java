package dev.slimfit.tflite;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Model;
import dev.slimfit.model.ModelMetadataInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.lite.support.metadata.schema.AssociatedFile;
import org.tensorflow.lite.support.metadata.schema.AssociatedFileType;
import org.tensorflow.lite.support.metadata.schema.ColorSpaceType;
import org.tensorflow.lite.support.metadata.schema.Content;
import org.tensorflow.lite.support.metadata.schema.ContentProperties;
import org.tensorflow.lite.support.metadata.schema.ImageProperties;
import org.tensorflow.lite.support.metadata.schema.ImageSize;
import org.tensorflow.lite.support.metadata.schema.ModelMetadata;
import org.tensorflow.lite.support.metadata.schema.NormalizationOptions;
import org.tensorflow.lite.support.metadata.schema.ProcessUnit;
import org.tensorflow.lite.support.metadata.schema.ProcessUnitOptions;
import org.tensorflow.lite.support.metadata.schema.Stats;
import org.tensorflow.lite.support.metadata.schema.SubGraphMetadata;
import org.tensorflow.lite.support.metadata.schema.TensorMetadata;

/**
 * Reads the {@code TFLITE_METADATA} entry (the TFLite Support metadata flatbuffer) into a plain
 * {@link ModelMetadataInfo}, so that code outside this package never sees the schema classes.
 * Metadata is advisory: a malformed entry yields empty rather than failing the model.
 */
public final class TfliteMetadataReader {
    /** The metadata entry name TFLite's metadata writer uses. */
    public static final String ENTRY = "TFLITE_METADATA";

    private TfliteMetadataReader() {
    }

    /** The model's metadata, or empty when it has none or the entry cannot be parsed. */
    public static Optional<ModelMetadataInfo> read(Model model) {
        Optional<Buffer> entry = model.metadataBytes(ENTRY);
        if (entry.isEmpty() || entry.get().size() < 8) {
            return Optional.empty();
        }
        try {
            ByteBuffer bb = ByteBuffer.wrap(entry.get().bytes()).order(ByteOrder.LITTLE_ENDIAN);
            return Optional.of(parse(ModelMetadata.getRootAsModelMetadata(bb)));
        } catch (RuntimeException e) {
            return Optional.empty(); // not a metadata flatbuffer: treat as absent
        }
    }

    private static ModelMetadataInfo parse(ModelMetadata mm) {
        List<ModelMetadataInfo.TensorInfo> ins = new ArrayList<>();
        List<ModelMetadataInfo.TensorInfo> outs = new ArrayList<>();
        if (mm.subgraphMetadataLength() > 0) {
            SubGraphMetadata sg = mm.subgraphMetadata(0);
            for (int i = 0; i < sg.inputTensorMetadataLength(); i++) {
                ins.add(tensor(sg.inputTensorMetadata(i)));
            }
            for (int i = 0; i < sg.outputTensorMetadataLength(); i++) {
                outs.add(tensor(sg.outputTensorMetadata(i)));
            }
        }
        return new ModelMetadataInfo(mm.name(), mm.description(), ins, outs);
    }

    private static ModelMetadataInfo.TensorInfo tensor(TensorMetadata t) {
        float[] mean = null;
        float[] std = null;
        for (int k = 0; k < t.processUnitsLength(); k++) {
            ProcessUnit pu = t.processUnits(k);
            if (pu.optionsType() == ProcessUnitOptions.NormalizationOptions) {
                NormalizationOptions n = (NormalizationOptions) pu.options(new NormalizationOptions());
                mean = new float[n.meanLength()];
                for (int c = 0; c < mean.length; c++) {
                    mean[c] = n.mean(c);
                }
                std = new float[n.stdLength()];
                for (int c = 0; c < std.length; c++) {
                    std[c] = n.std(c);
                }
            }
        }
        ModelMetadataInfo.Image image = null;
        Content content = t.content();
        if (content != null && content.contentPropertiesType() == ContentProperties.ImageProperties) {
            ImageProperties ip = (ImageProperties) content.contentProperties(new ImageProperties());
            ImageSize size = ip.defaultSize();
            String cs = ip.colorSpace() >= 0 && ip.colorSpace() < ColorSpaceType.names.length
                    ? ColorSpaceType.name(ip.colorSpace()) : "UNKNOWN";
            image = new ModelMetadataInfo.Image(cs, size == null ? 0 : (int) size.width(),
                    size == null ? 0 : (int) size.height());
        }
        float[] min = null;
        float[] max = null;
        Stats s = t.stats();
        if (s != null) {
            min = new float[s.minLength()];
            for (int c = 0; c < min.length; c++) {
                min[c] = s.min(c);
            }
            max = new float[s.maxLength()];
            for (int c = 0; c < max.length; c++) {
                max[c] = s.max(c);
            }
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < t.associatedFilesLength(); k++) {
            AssociatedFile f = t.associatedFiles(k);
            if ((f.type() == AssociatedFileType.TENSOR_AXIS_LABELS
                    || f.type() == AssociatedFileType.TENSOR_VALUE_LABELS) && f.name() != null) {
                labels.add(f.name());
            }
        }
        return new ModelMetadataInfo.TensorInfo(t.name(), mean, std, image, min, max, labels);
    }
}
