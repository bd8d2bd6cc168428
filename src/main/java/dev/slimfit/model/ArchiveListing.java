package dev.slimfit.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Lists the entry names of an appended zip (the TFLite metadata "associated files"). */
final class ArchiveListing {
    /** Stop listing after this many entries; real archives hold one or two label files. */
    static final int MAX_ENTRIES = 10_000;

    private ArchiveListing() {
    }

    static ModelSummary.ArchiveInfo list(Buffer zip) {
        List<String> names = new ArrayList<>();
        // Entry names come from the local headers; data is never inflated (closeEntry skips it).
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.bytes()))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (names.size() == MAX_ENTRIES) {
                    return new ModelSummary.ArchiveInfo(zip.size(), names, "more than " + MAX_ENTRIES + " entries");
                }
                names.add(e.getName());
            }
            return new ModelSummary.ArchiveInfo(zip.size(), names, null);
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new ModelSummary.ArchiveInfo(zip.size(), names, "unreadable zip: " + why);
        }
    }
}
