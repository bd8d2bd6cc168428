package dev.slimfit.runtime.kernels.seq;

/**
 * libstdc++'s binary-heap algorithms ({@code __push_heap}, {@code __adjust_heap}, {@code __pop_heap},
 * {@code make_heap}) over an int array of item ids with a "less" comparator. TFLite 2.6.2's
 * NON_MAX_SUPPRESSION ({@code std::priority_queue}) and detection post-processing
 * ({@code std::partial_sort}) order tied scores by whatever these exact steps produce, so to match
 * it bit for bit on ties we run the same steps instead of a sort with a different tie order.
 */
final class StdHeap {
    /** Strict weak "less" over item ids. */
    interface Less {
        boolean less(int a, int b);
    }

    private StdHeap() {
    }

    /** {@code std::push_heap(first, first + len)}: the new item is at {@code len - 1}. */
    static void push(int[] h, int len, Less less) {
        pushHole(h, len - 1, 0, h[len - 1], less);
    }

    private static void pushHole(int[] h, int hole, int top, int value, Less less) {
        int parent = (hole - 1) / 2;
        while (hole > top && less.less(h[parent], value)) {
            h[hole] = h[parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }
        h[hole] = value;
    }

    /** {@code __adjust_heap(first, hole, len, value)}. */
    static void adjust(int[] h, int from, int hole, int len, int value, Less less) {
        int top = hole;
        int second = hole;
        while (second < (len - 1) / 2) {
            second = 2 * (second + 1);
            if (less.less(h[from + second], h[from + second - 1])) {
                second--;
            }
            h[from + hole] = h[from + second];
            hole = second;
        }
        if ((len & 1) == 0 && second == (len - 2) / 2) {
            second = 2 * (second + 1);
            h[from + hole] = h[from + second - 1];
            hole = second - 1;
        }
        // __push_heap on the sub-array starting at 'from'.
        int parent = (hole - 1) / 2;
        while (hole > top && less.less(h[from + parent], value)) {
            h[from + hole] = h[from + parent];
            hole = parent;
            parent = (hole - 1) / 2;
        }
        h[from + hole] = value;
    }

    /** {@code std::pop_heap(first, first + len)}: the top moves to {@code len - 1}. */
    static void pop(int[] h, int len, Less less) {
        if (len > 1) {
            int value = h[len - 1];
            h[len - 1] = h[0];
            adjust(h, 0, 0, len - 1, value, less);
        }
    }

    /** {@code std::make_heap(first, first + len)}. */
    static void make(int[] h, int len, Less less) {
        if (len < 2) {
            return;
        }
        for (int parent = (len - 2) / 2; ; parent--) {
            adjust(h, 0, parent, len, h[parent], less);
            if (parent == 0) {
                return;
            }
        }
    }

    /**
     * {@code std::partial_sort(first, first + mid, first + len)} as libstdc++ does it: heap-select
     * the {@code mid} smallest into the front, then {@code sort_heap} them.
     */
    static void partialSort(int[] a, int mid, int len, Less less) {
        make(a, mid, less);
        for (int i = mid; i < len; i++) {
            if (less.less(a[i], a[0])) {
                // __pop_heap(first, middle, i): a[i] gets the top, the old a[i] sinks in.
                int value = a[i];
                a[i] = a[0];
                adjust(a, 0, 0, mid, value, less);
            }
        }
        for (int end = mid; end > 1; end--) {
            pop(a, end, less);
        }
    }
}
