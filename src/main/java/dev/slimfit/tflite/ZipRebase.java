package dev.slimfit.tflite;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Moves a zip archive whose offsets are absolute file positions (as TFLite's metadata writer
 * appends it after the flatbuffer): adds the shift to every central-directory entry's local
 * header offset and to the end record's central-directory offset.
 */
final class ZipRebase {
    private ZipRebase() {
    }

    static void rebase(byte[] zip, long originalStart, long newStart) {
        long delta = newStart - originalStart;
        ByteBuffer bb = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 65535); p--) {
            if (bb.getInt(p) == 0x06054b50) {
                eocd = p;
                break;
            }
        }
        if (eocd < 0) {
            throw new IllegalArgumentException("appended archive has no zip end record");
        }
        int entries = bb.getShort(eocd + 10) & 0xFFFF;
        long cdOffset = bb.getInt(eocd + 16) & 0xFFFFFFFFL;
        int q = (int) (cdOffset - originalStart);
        for (int i = 0; i < entries; i++) {
            if (bb.getInt(q) != 0x02014b50) {
                throw new IllegalArgumentException("appended archive: central directory entry " + i + " is damaged");
            }
            long local = bb.getInt(q + 42) & 0xFFFFFFFFL;
            bb.putInt(q + 42, (int) (local + delta));
            q += 46 + (bb.getShort(q + 28) & 0xFFFF) + (bb.getShort(q + 30) & 0xFFFF) + (bb.getShort(q + 32) & 0xFFFF);
        }
        bb.putInt(eocd + 16, (int) (cdOffset + delta));
    }
}
