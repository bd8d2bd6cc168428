package dev.slimfit.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code file,label} CSV (RFC 4180 quoting; extra columns allowed), e.g. the ImageNet samples'
 * {@code file,...,class_index_1001,...}. Column names are chosen by the caller.
 */
public final class LabelCsv {
    private LabelCsv() {
    }

    /** file → label, in CSV order; fails naming the CSV and line for missing columns or bad integers. */
    public static Map<String, Integer> read(Path csv, String fileColumn, String labelColumn) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(csv + ": empty CSV");
        }
        List<String> header = split(stripBom(lines.get(0)));
        int fc = header.indexOf(fileColumn);
        int lc = header.indexOf(labelColumn);
        if (fc < 0 || lc < 0) {
            throw new IOException(csv + ": no column '" + (fc < 0 ? fileColumn : labelColumn) + "' (columns: "
                    + String.join(", ", header) + ")");
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            List<String> row = split(lines.get(n));
            if (row.size() <= Math.max(fc, lc)) {
                throw new IOException(csv + ": line " + (n + 1) + " has " + row.size() + " fields");
            }
            try {
                out.put(row.get(fc), Integer.parseInt(row.get(lc).strip()));
            } catch (NumberFormatException e) {
                throw new IOException(csv + ": line " + (n + 1) + ": label '" + row.get(lc) + "' is not an integer");
            }
        }
        return out;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Splits one CSV record, honouring double quotes and doubled quotes inside them. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
