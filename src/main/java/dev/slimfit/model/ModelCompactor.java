package dev.slimfit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops buffers no tensor or metadata entry refers to (what a transformation leaves behind when
 * it gives a tensor new data) and renumbers the references. Buffer 0 stays the empty sentinel.
 *
 * <p>{@link #shareEmptyBuffer} also points every tensor without data at that sentinel: TFLite
 * (2.6.2 {@code InterpreterBuilder::ParseTensors}) treats a tensor whose buffer has no data the
 * same whichever empty buffer it names, so the converter's one-empty-buffer-per-activation costs
 * 8 bytes per tensor (a vector slot and a table) for nothing.
 */
public final class ModelCompactor {
    private ModelCompactor() {
    }

    /**
     * Every tensor whose buffer holds no data refers to buffer 0 instead, and the buffers that
     * leaves unreferenced are dropped. Metadata buffers are kept as they are.
     */
    public static Model shareEmptyBuffer(Model m) {
        List<Buffer> bufs = m.buffers();
        if (bufs.isEmpty() || !bufs.get(0).isEmpty()) {
            return dropUnusedBuffers(m);
        }
        List<Subgraph> subgraphs = new ArrayList<>();
        boolean changed = false;
        for (Subgraph sg : m.subgraphs()) {
            List<Tensor> ts = new ArrayList<>();
            for (Tensor t : sg.tensors()) {
                boolean empty = t.buffer() > 0 && t.buffer() < bufs.size() && bufs.get(t.buffer()).isEmpty();
                ts.add(empty ? t.withBuffer(0) : t);
                changed |= empty;
            }
            subgraphs.add(sg.withTensors(ts));
        }
        Model shared = !changed ? m : new Model(m.version(), m.description(), subgraphs, bufs, m.metadata(),
                m.signatureDefs(), m.metadataBuffer(), m.appended());
        return dropUnusedBuffers(shared);
    }

    /** The model without unreferenced buffers; the same instance when there are none. */
    public static Model dropUnusedBuffers(Model m) {
        int n = m.buffers().size();
        boolean[] used = new boolean[Math.max(n, 1)];
        used[0] = true;
        for (Subgraph sg : m.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                if (t.buffer() < n) {
                    used[t.buffer()] = true;
                }
            }
        }
        for (Metadata md : m.metadata()) {
            if (md.buffer() < n) {
                used[md.buffer()] = true;
            }
        }
        int[] metaBuf = m.metadataBuffer();
        if (metaBuf != null) {
            for (int b : metaBuf) {
                if (b >= 0 && b < n) {
                    used[b] = true;
                }
            }
        }
        int[] remap = new int[n];
        List<Buffer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                remap[i] = kept.size();
                kept.add(m.buffers().get(i));
            } else {
                remap[i] = -1;
            }
        }
        if (kept.size() == n) {
            return m;
        }
        List<Subgraph> subgraphs = new ArrayList<>();
        for (Subgraph sg : m.subgraphs()) {
            List<Tensor> ts = new ArrayList<>();
            for (Tensor t : sg.tensors()) {
                ts.add(t.buffer() < n ? t.withBuffer(remap[t.buffer()]) : t);
            }
            subgraphs.add(sg.withTensors(ts));
        }
        List<Metadata> meta = new ArrayList<>();
        for (Metadata md : m.metadata()) {
            meta.add(new Metadata(md.name(), md.buffer() < n ? remap[md.buffer()] : md.buffer()));
        }
        if (metaBuf != null) {
            for (int i = 0; i < metaBuf.length; i++) {
                metaBuf[i] = metaBuf[i] >= 0 && metaBuf[i] < n ? remap[metaBuf[i]] : metaBuf[i];
            }
        }
        return new Model(m.version(), m.description(), subgraphs, kept, meta, m.signatureDefs(), metaBuf,
                m.appended());
    }

    /**
     * Tensors whose buffers hold identical bytes share the first of them, and the copies are
     * dropped. TFLite reads a constant through its buffer index only, and tensors sharing a buffer
     * are what the converter writes for shared weights. Buffers of variable tensors and of
     * metadata are left alone (a variable's buffer is its initial value, written at run time).
     * Used after quantizing several subgraphs, where each re-encodes a weight they share.
     */
    public static Model mergeIdenticalBuffers(Model m) {
        int n = m.buffers().size();
        boolean[] pinned = new boolean[n];
        for (Subgraph sg : m.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                if (t.isVariable() && t.buffer() < n) {
                    pinned[t.buffer()] = true;
                }
            }
        }
        for (Metadata md : m.metadata()) {
            if (md.buffer() < n) {
                pinned[md.buffer()] = true;
            }
        }
        int[] target = new int[n];
        java.util.Map<java.nio.ByteBuffer, Integer> first = new java.util.HashMap<>();
        boolean merged = false;
        for (int i = 0; i < n; i++) {
            target[i] = i;
            Buffer b = m.buffers().get(i);
            if (i == 0 || pinned[i] || b.isEmpty() || b.isExternal()) {
                continue;
            }
            Integer f = first.putIfAbsent(b.data().duplicate(), i);
            if (f != null) {
                target[i] = f;
                merged = true;
            }
        }
        if (!merged) {
            return m;
        }
        List<Subgraph> subgraphs = new ArrayList<>();
        for (Subgraph sg : m.subgraphs()) {
            List<Tensor> ts = new ArrayList<>();
            for (Tensor t : sg.tensors()) {
                ts.add(t.buffer() < n && target[t.buffer()] != t.buffer() ? t.withBuffer(target[t.buffer()]) : t);
            }
            subgraphs.add(sg.withTensors(ts));
        }
        return dropUnusedBuffers(new Model(m.version(), m.description(), subgraphs, m.buffers(), m.metadata(),
                m.signatureDefs(), m.metadataBuffer(), m.appended()));
    }
}
