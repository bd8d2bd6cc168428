package dev.slimfit.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops buffers no tensor or metadata entry refers to (what a transformation leaves behind when
 * it gives a tensor new data) and renumbers the references. Buffer 0 stays the empty sentinel.
 */
public final class ModelCompactor {
    private ModelCompactor() {
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
}
