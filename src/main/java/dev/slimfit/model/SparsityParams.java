package dev.slimfit.model;

import java.util.Arrays;
import java.util.List;

/**
 * TFLite's sparse tensor encoding (TACO-style): traversal order, block map, and per-dimension
 * metadata (dense, or CSR segments/indices).
 */
public final class SparsityParams {
    private final int[] traversalOrder;
    private final int[] blockMap;
    private final List<DimensionMetadata> dimMetadata;

    public SparsityParams(int[] traversalOrder, int[] blockMap, List<DimensionMetadata> dimMetadata) {
        this.traversalOrder = traversalOrder == null ? null : traversalOrder.clone();
        this.blockMap = blockMap == null ? null : blockMap.clone();
        this.dimMetadata = dimMetadata == null ? null : List.copyOf(dimMetadata);
    }

    public int[] traversalOrder() {
        return traversalOrder == null ? null : traversalOrder.clone();
    }

    public int[] blockMap() {
        return blockMap == null ? null : blockMap.clone();
    }

    public List<DimensionMetadata> dimMetadata() {
        return dimMetadata;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparsityParams s && Arrays.equals(traversalOrder, s.traversalOrder)
                && Arrays.equals(blockMap, s.blockMap) && java.util.Objects.equals(dimMetadata, s.dimMetadata);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(traversalOrder) * 31 + Arrays.hashCode(blockMap);
    }

    /**
     * One dimension's storage: {@code format} 0 = DENSE (with {@code denseSize}), 1 = SPARSE_CSR with
     * segments and indices, each stored as an int32/uint16/uint8 vector (vector type codes 1/2/3 as
     * in the schema's SparseIndexVector union, 0 when absent).
     */
    public record DimensionMetadata(int format, int denseSize, int segmentsType, int[] segments,
                                    int indicesType, int[] indices) {
        public DimensionMetadata {
            segments = segments == null ? null : segments.clone();
            indices = indices == null ? null : indices.clone();
        }

        @Override
        public int[] segments() {
            return segments == null ? null : segments.clone();
        }

        @Override
        public int[] indices() {
            return indices == null ? null : indices.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DimensionMetadata d && format == d.format && denseSize == d.denseSize
                    && segmentsType == d.segmentsType && indicesType == d.indicesType
                    && Arrays.equals(segments, d.segments) && Arrays.equals(indices, d.indices);
        }

        @Override
        public int hashCode() {
            return (format * 31 + denseSize) * 31 + Arrays.hashCode(indices);
        }
    }
}
