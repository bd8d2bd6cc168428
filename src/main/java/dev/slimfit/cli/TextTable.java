package dev.slimfit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for terminals: left- or right-aligned columns separated by two spaces,
 * cells longer than their column's limit shortened in the middle, columns empty in every row
 * left out. Built for 120-column terminals.
 */
final class TextTable {
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<Integer> maxWidths = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    /** Adds a left-aligned column whose cells are cut to {@code maxWidth} characters. */
    TextTable left(String header, int maxWidth) {
        headers.add(header);
        rightAligned.add(false);
        maxWidths.add(maxWidth);
        return this;
    }

    /** Adds a right-aligned (numeric) column. */
    TextTable right(String header) {
        headers.add(header);
        rightAligned.add(true);
        maxWidths.add(Integer.MAX_VALUE);
        return this;
    }

    /** Adds a row; null cells print empty. */
    TextTable row(Object... cells) {
        String[] r = new String[headers.size()];
        for (int i = 0; i < r.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            r[i] = c == null ? "" : fit(clean(c.toString()), maxWidths.get(i));
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table, one line per row after the header, each line indented by two spaces. */
    String render() {
        int n = headers.size();
        int[] width = new int[n];
        boolean[] used = new boolean[n];
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                used[i] |= !r[i].isEmpty();
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (int i = 0; i < n; i++) {
            width[i] = Math.max(width[i], headers.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers.toArray(new String[0]), width, used);
        for (String[] r : rows) {
            line(sb, r, width, used);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String[] cells, int[] width, boolean[] used) {
        StringBuilder l = new StringBuilder("  ");
        boolean first = true;
        for (int i = 0; i < cells.length; i++) {
            if (!used[i]) {
                continue;
            }
            if (!first) {
                l.append("  ");
            }
            first = false;
            String pad = " ".repeat(width[i] - cells[i].length());
            l.append(rightAligned.get(i) ? pad + cells[i] : cells[i] + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    /** Keeps both ends of a long cell: tensor names differ most at their ends. */
    static String fit(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int keep = max - 3;
        int head = keep / 3;
        return s.substring(0, head) + "..." + s.substring(s.length() - (keep - head));
    }

    /** Replaces control characters (a hostile name must not move the terminal's cursor). */
    static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
                sb.append('?');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** 1234567 → "1,234,567" (by hand: java.util.Formatter is slow to start and this runs per cell). */
    static String count(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (n < 0) {
            sb.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /** 4183312 → "4.0 MiB"; under 1 KiB as plain bytes. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        int decimals = v < 10 ? 100 : 10;
        long scaled = Math.round(v * decimals);
        String frac = Long.toString(scaled % decimals);
        return scaled / decimals + "." + (decimals == 100 && frac.length() == 1 ? "0" : "") + frac + " " + units[u];
    }
}
