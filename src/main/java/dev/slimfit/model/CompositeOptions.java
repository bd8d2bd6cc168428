package dev.slimfit.model;

import java.util.Arrays;

/**
 * StableHLO composite options ({@code builtin_options_2} of newer schemas, which Google's
 * generated classes do not know): the composite's name, the subgraph holding its decomposition,
 * its attributes (flexbuffer bytes) and version.
 */
public record CompositeOptions(String name, int decompositionSubgraphIndex, byte[] attributes,
                               int attributesFormat, int version) {
    public CompositeOptions {
        attributes = attributes == null ? null : attributes.clone();
    }

    @Override
    public byte[] attributes() {
        return attributes == null ? null : attributes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompositeOptions c && java.util.Objects.equals(name, c.name)
                && decompositionSubgraphIndex == c.decompositionSubgraphIndex && Arrays.equals(attributes, c.attributes)
                && attributesFormat == c.attributesFormat && version == c.version;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, decompositionSubgraphIndex, version);
    }
}
