package dev.slimfit.runtime;

import java.util.List;

/** Planning found nodes the interpreter cannot run; {@link #problems()} names every one. */
public class UnsupportedModelException extends KernelException {
    private static final long serialVersionUID = 1L;

    /** One node that cannot run: where it is and why. */
    public record Problem(int subgraph, int node, String op, int version, String types, String reason) {
        @Override
        public String toString() {
            return "subgraph " + subgraph + ", node " + node + " " + op + " v" + version + " " + types + ": " + reason;
        }
    }

    private final transient List<Problem> problems;

    public UnsupportedModelException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        StringBuilder sb = new StringBuilder(problems.size() + " node(s) cannot run: ");
        for (int i = 0; i < problems.size(); i++) {
            if (i > 0) {
                sb.append("; ");
            }
            if (i == 8) {
                sb.append("and ").append(problems.size() - 8).append(" more");
                break;
            }
            sb.append(problems.get(i));
        }
        return sb.toString();
    }
}
