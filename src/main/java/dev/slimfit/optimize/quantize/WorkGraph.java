package dev.slimfit.optimize.quantize;

import dev.slimfit.model.Buffer;
import dev.slimfit.model.Metadata;
import dev.slimfit.model.Model;
import dev.slimfit.model.Operator;
import dev.slimfit.model.SignatureDef;
import dev.slimfit.model.Subgraph;
import dev.slimfit.model.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A mutable working copy of a model's subgraph 0 and buffer list, so that the quantizer can add
 * tensors, buffers and operators freely and then build one immutable {@link Model}. Building drops
 * tensors no operator uses any more and drops buffers no tensor refers to, which is where the
 * size reduction comes from (a replaced float weight would otherwise stay in the file); tensors
 * without data share the empty buffer 0 ({@link dev.slimfit.model.ModelCompactor#shareEmptyBuffer}).
 */
final class WorkGraph {
    private final Model source;
    final List<Tensor> tensors;
    final List<Buffer> buffers;
    final List<Operator> ops = new ArrayList<>();
    int[] inputs;
    int[] outputs;
    private final List<Metadata> extraMetadata = new ArrayList<>();

    WorkGraph(Model source) {
        this.source = source;
        Subgraph sg = source.mainSubgraph();
        this.tensors = new ArrayList<>(sg.tensors());
        this.buffers = new ArrayList<>(source.buffers());
        this.inputs = sg.inputs();
        this.outputs = sg.outputs();
    }

    int addTensor(Tensor t) {
        tensors.add(t);
        return tensors.size() - 1;
    }

    int addBuffer(byte[] data) {
        buffers.add(Buffer.of(data));
        return buffers.size() - 1;
    }

    Tensor tensor(int i) {
        return tensors.get(i);
    }

    void setTensor(int i, Tensor t) {
        tensors.set(i, t);
    }

    /** Adds a metadata entry (name, bytes) to the built model. */
    void addMetadata(String name, byte[] bytes) {
        extraMetadata.add(new Metadata(name, addBuffer(bytes)));
    }

    /** The finished model: compacted subgraph 0, other subgraphs as they were, dead buffers emptied. */
    Model build() {
        int[] remap = new int[tensors.size()];
        Arrays.fill(remap, -1);
        boolean[] used = usedTensors();
        List<Tensor> kept = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            if (used[i]) {
                remap[i] = kept.size();
                Tensor t = tensors.get(i);
                // An empty quantization table is the same as none to TFLite (ParseQuantization) and costs
                // ~8 bytes per tensor; the converter writes one for every float tensor.
                kept.add(t.quantization() != null && t.quantization().isEmpty() ? t.withQuantization(null) : t);
            }
        }
        List<Operator> newOps = new ArrayList<>();
        for (Operator op : ops) {
            Operator o = op.withInputs(map(op.inputs(), remap)).withOutputs(map(op.outputs(), remap));
            int[] im = op.intermediates();
            if (im != null) {
                o = new Operator(o.code(), o.inputs(), o.outputs(), map(im, remap), o.options(), o.customOptions(),
                        o.customOptionsFormat(), o.mutatingVariableInputs(), o.options2());
            }
            newOps.add(o);
        }
        Subgraph old = source.mainSubgraph();
        Subgraph sg0 = new Subgraph(old.name(), kept, map(inputs, remap), map(outputs, remap), newOps);
        List<Subgraph> sgs = new ArrayList<>(source.subgraphs());
        sgs.set(0, sg0);
        List<SignatureDef> sigs = new ArrayList<>();
        for (SignatureDef s : source.signatureDefs()) {
            sigs.add(s.subgraphIndex() != 0 ? s : new SignatureDef(s.key(), 0, mapSig(s.inputs(), remap),
                    mapSig(s.outputs(), remap)));
        }
        List<Metadata> meta = new ArrayList<>(source.metadata());
        meta.addAll(extraMetadata);
        List<Buffer> bufs = new ArrayList<>(buffers);
        boolean[] live = new boolean[bufs.size()];
        for (Subgraph sg : sgs) {
            for (Tensor t : sg.tensors()) {
                if (t.buffer() > 0 && t.buffer() < live.length) {
                    live[t.buffer()] = true;
                }
            }
        }
        for (Metadata m : meta) {
            if (m.buffer() >= 0 && m.buffer() < live.length) {
                live[m.buffer()] = true;
            }
        }
        for (int b = 1; b < bufs.size(); b++) {
            if (!live[b]) {
                bufs.set(b, Buffer.empty());
            }
        }
        return dev.slimfit.model.ModelCompactor.shareEmptyBuffer(new Model(source.version(), source.description(),
                sgs, bufs, meta, sigs, source.metadataBuffer(), source.appended()));
    }

    /** Signature entries point at boundary tensors, which {@link #replaceBoundary} keeps current. */
    private List<SignatureDef.TensorMap> mapSig(List<SignatureDef.TensorMap> in, int[] remap) {
        List<SignatureDef.TensorMap> out = new ArrayList<>();
        for (SignatureDef.TensorMap m : in) {
            int idx = m.tensorIndex();
            Integer moved = boundaryMoves.get(idx);
            int target = moved == null ? idx : moved;
            out.add(new SignatureDef.TensorMap(m.name(), target >= 0 && target < remap.length && remap[target] >= 0
                    ? remap[target] : target));
        }
        return out;
    }

    private final java.util.Map<Integer, Integer> boundaryMoves = new java.util.HashMap<>();

    /** Records that model input/output {@code from} is now tensor {@code to} (signatures follow). */
    void replaceBoundary(int from, int to) {
        boundaryMoves.put(from, to);
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == from) {
                outputs[i] = to;
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == from) {
                inputs[i] = to;
            }
        }
    }

    private boolean[] usedTensors() {
        boolean[] used = new boolean[tensors.size()];
        mark(used, inputs);
        mark(used, outputs);
        for (Operator op : ops) {
            mark(used, op.inputs());
            mark(used, op.outputs());
            int[] im = op.intermediates();
            if (im != null) {
                mark(used, im);
            }
        }
        return used;
    }

    private static void mark(boolean[] used, int[] idx) {
        for (int x : idx) {
            if (x >= 0 && x < used.length) {
                used[x] = true;
            }
        }
    }

    private static int[] map(int[] idx, int[] remap) {
        int[] out = idx.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 0) {
                out[i] = remap[out[i]];
            }
        }
        return out;
    }
}
