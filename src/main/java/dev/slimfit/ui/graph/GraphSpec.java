package dev.slimfit.ui.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable, toolkit-free description of a graph to show: nodes with labels, a category that
 * drives colouring, an optional size hint, an "unsupported" flag, and labelled directed edges.
 *
 * <p>A view-model builds one from the model (no JavaFX needed), {@link GraphLayout} turns it into
 * a {@link GraphGeometry}, and {@link GraphCanvas} draws both. Node ids are the caller's own
 * (for example operator indices); internally nodes are addressed by their position in
 * {@link #nodes()}, see {@link #indexOf(int)}.
 */
public final class GraphSpec {

    /** Width and height used when a node gives no size hint (&le; 0) are estimated from its text. */
    public static final double AUTO = 0;

    /**
     * One node.
     *
     * @param id          caller's id, unique within the graph
     * @param label       main text, e.g. the op name ("Conv2D")
     * @param sublabel    second line, e.g. op version or weight shape; may be empty
     * @param category    colouring key, e.g. "conv", "activation", "reshape", "io"
     * @param width       width hint in world units, or {@link #AUTO}
     * @param height      height hint in world units, or {@link #AUTO}
     * @param unsupported true to flag the node (red border and "!" mark)
     */
    public record Node(int id, String label, String sublabel, String category,
                       double width, double height, boolean unsupported) {
        /** Normalises null texts to empty strings. */
        public Node {
            label = label == null ? "" : label;
            sublabel = sublabel == null ? "" : sublabel;
            category = category == null ? "" : category;
        }
    }

    /**
     * One directed edge, e.g. a tensor from its producer to a consumer.
     *
     * @param from  id of the source node
     * @param to    id of the target node
     * @param label text drawn along the edge when zoomed in, e.g. "1x112x112x32 int8"; may be empty
     */
    public record Edge(int from, int to, String label) {
        /** Normalises a null label to an empty string. */
        public Edge {
            label = label == null ? "" : label;
        }
    }

    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<Integer, Integer> indexById;
    private final int[] edgeFrom;
    private final int[] edgeTo;

    private GraphSpec(List<Node> nodes, List<Edge> edges) {
        this.nodes = Collections.unmodifiableList(new ArrayList<>(nodes));
        this.edges = Collections.unmodifiableList(new ArrayList<>(edges));
        this.indexById = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            if (indexById.put(nodes.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate node id " + nodes.get(i).id());
            }
        }
        this.edgeFrom = new int[edges.size()];
        this.edgeTo = new int[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            Edge edge = edges.get(e);
            edgeFrom[e] = requireIndex(edge.from(), edge);
            edgeTo[e] = requireIndex(edge.to(), edge);
        }
    }

    private int requireIndex(int id, Edge edge) {
        Integer index = indexById.get(id);
        if (index == null) {
            throw new IllegalArgumentException("edge " + edge + " refers to unknown node " + id);
        }
        return index;
    }

    /** Returns a new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Nodes in insertion order; position = node index. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Edges in insertion order; position = edge index. */
    public List<Edge> edges() {
        return edges;
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Number of edges. */
    public int edgeCount() {
        return edges.size();
    }

    /** Index of the node with this id, or -1 when there is none. */
    public int indexOf(int id) {
        Integer index = indexById.get(id);
        return index == null ? -1 : index;
    }

    /** Index of the source node of edge {@code e}. */
    public int edgeSource(int e) {
        return edgeFrom[e];
    }

    /** Index of the target node of edge {@code e}. */
    public int edgeTarget(int e) {
        return edgeTo[e];
    }

    /** Collects nodes and edges; {@link #build()} checks ids and edge ends. */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private final List<Edge> edges = new ArrayList<>();

        private Builder() { }

        /** Adds a node. */
        public Builder node(Node node) {
            nodes.add(Objects.requireNonNull(node));
            return this;
        }

        /** Adds a node whose size is estimated from its text. */
        public Builder node(int id, String label, String sublabel, String category) {
            return node(new Node(id, label, sublabel, category, AUTO, AUTO, false));
        }

        /** Adds an edge. */
        public Builder edge(Edge edge) {
            edges.add(Objects.requireNonNull(edge));
            return this;
        }

        /** Adds an edge from node id {@code from} to node id {@code to}. */
        public Builder edge(int from, int to, String label) {
            return edge(new Edge(from, to, label));
        }

        /**
         * Builds the immutable spec.
         *
         * @throws IllegalArgumentException on duplicate node ids or edges to unknown nodes
         */
        public GraphSpec build() {
            return new GraphSpec(nodes, edges);
        }
    }
}
