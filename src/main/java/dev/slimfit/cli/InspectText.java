package dev.slimfit.cli;

import dev.slimfit.model.ModelSummary;
import dev.slimfit.model.QuantInfo;
import java.util.List;
import java.util.stream.Collectors;

/** Formats a {@link ModelSummary} as aligned text tables for a terminal (120 columns). */
final class InspectText {
    private static final int NAME_WIDTH = 44;

    private InspectText() {
    }

    static String format(String file, long fileSize, ModelSummary s) {
        StringBuilder sb = new StringBuilder();
        field(sb, "Model", TextTable.clean(file) + "  (" + TextTable.count(fileSize) + " bytes, schema v"
                + s.schemaVersion() + ")");
        if (s.description() != null && !s.description().isEmpty()) {
            field(sb, "Description", TextTable.fit(TextTable.clean(s.description()), 100));
        }
        if (s.minRuntimeVersion() != null) {
            field(sb, "Min runtime", TextTable.clean(s.minRuntimeVersion()));
        }
        field(sb, "Operators", TextTable.count(s.totalOps()) + " in " + s.subgraphs().size() + " subgraph"
                + (s.subgraphs().size() == 1 ? "" : "s"));
        field(sb, "Parameters", TextTable.count(s.parameterCount()) + " in " + s.constantTensors()
                + " constant tensors, " + TextTable.bytes(s.weightBytes()) + " of weights");

        TextTable sg = new TextTable().right("#").left("name", NAME_WIDTH).right("tensors").right("ops");
        s.subgraphs().forEach(g -> sg.row(g.index(), g.name(), g.tensorCount(), g.opCount()));
        section(sb, "Subgraphs", sg);

        TextTable io = new TextTable().right("sg").left("io", 6).right("tensor").left("name", NAME_WIDTH)
                .left("dtype", 10).left("shape", 24).left("shape_signature", 24).left("quantization", 32);
        for (ModelSummary.SubgraphInfo g : s.subgraphs()) {
            g.inputs().forEach(t -> tensorRow(io, g.index(), "input", t));
            g.outputs().forEach(t -> tensorRow(io, g.index(), "output", t));
        }
        section(sb, "Inputs and outputs", io);

        TextTable ops = new TextTable().left("op", 48).right("version").right("count");
        s.opCounts().forEach(o -> ops.row(o.op(), o.version(), o.count()));
        section(sb, "Operators by type", ops);

        TextTable types = new TextTable().left("dtype", 10).right("tensors").right("params").right("bytes")
                .right("size");
        s.weightsByType().forEach(w -> types.row(w.type(), w.tensors(), TextTable.count(w.elements()),
                TextTable.count(w.bytes()), TextTable.bytes(w.bytes())));
        section(sb, "Weights by dtype", types);

        TextTable layers = new TextTable().right("sg").right("op#").left("op", 40).left("weight shape", 20)
                .right("params").right("bytes").left("dtype", 8).left("quantization", 30);
        s.layers().forEach(l -> layers.row(l.subgraph(), l.opIndex(), l.op() + " v" + l.version(),
                shape(l.weightShape()), TextTable.count(l.params()), TextTable.count(l.bytes()), l.weightType(),
                quant(l.weightQuantization())));
        section(sb, "Layers with constant inputs (" + s.layers().size() + ")", layers);

        TextTable sigs = new TextTable().left("key", 24).right("sg").left("inputs", 40).left("outputs", 40);
        s.signatures().forEach(g -> sigs.row(g.key(), g.subgraph(), String.join(", ", g.inputs()),
                String.join(", ", g.outputs())));
        section(sb, "Signatures", sigs);

        TextTable meta = new TextTable().left("name", 60).right("bytes");
        s.metadata().forEach(m -> meta.row(m.name(), TextTable.count(m.bytes())));
        section(sb, "Metadata", meta);

        ModelSummary.ArchiveInfo a = s.archive();
        if (a != null) {
            sb.append("\nAssociated files (zip appended after the flatbuffer, ").append(TextTable.count(a.bytes()))
                    .append(" bytes)\n");
            a.entries().forEach(e -> sb.append("  ").append(TextTable.clean(e)).append('\n'));
            if (a.error() != null) {
                sb.append("  (").append(TextTable.clean(a.error())).append(")\n");
            }
        }
        return sb.toString();
    }

    private static void tensorRow(TextTable t, int sg, String io, ModelSummary.TensorInfo ti) {
        t.row(sg, io, ti.index(), ti.name(), ti.type(), shape(ti.shape()),
                ti.shapeSignature() == null ? null : shape(ti.shapeSignature()), quant(ti.quantization()));
    }

    private static void field(StringBuilder sb, String label, String value) {
        sb.append(label).append(" ".repeat(Math.max(1, 13 - label.length()))).append(value).append('\n');
    }

    private static void section(StringBuilder sb, String title, TextTable t) {
        sb.append('\n').append(title).append('\n');
        sb.append(t.isEmpty() ? "  (none)\n" : t.render());
    }

    static String shape(List<Integer> dims) {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }

    private static String quant(QuantInfo q) {
        return q == null ? "" : q.describe();
    }
}
