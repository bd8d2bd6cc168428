package dev.slimfit.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeTfliteTest {

    @Test
    void loadsTfLite262FromTheClasspathResource() throws IOException {
        Path lib = NativeTflite.load();
        assertEquals("2.6.2", NativeTflite.runtimeVersion());
        assertEquals(lib, NativeTflite.load(), "idempotent");
        byte[] resource;
        try (InputStream in = NativeTflite.class.getClassLoader().getResourceAsStream(NativeTflite.RESOURCE)) {
            resource = in.readAllBytes();
        }
        assertEquals(NativeTflite.sha256(resource), NativeTflite.sha256(Files.readAllBytes(lib)));
        assertEquals(NativeTflite.sha256(resource), lib.getParent().getFileName().toString(), "dir keyed by sha");
        assertTrue(lib.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()), lib.toString());
    }

    @Test
    void racingExtractionsAllSeeOneCompleteFile(@TempDir Path dir) throws Exception {
        byte[] lib = new byte[3 << 20];
        new java.util.SplittableRandom(7).nextBytes(lib);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                fs.add(pool.submit(() -> NativeTflite.extract(dir, lib)));
            }
            Set<Path> paths = new java.util.HashSet<>();
            for (Future<Path> f : fs) {
                paths.add(f.get());
            }
            assertEquals(1, paths.size());
            Path p = paths.iterator().next();
            assertEquals(NativeTflite.sha256(lib), NativeTflite.sha256(Files.readAllBytes(p)));
            try (Stream<Path> s = Files.list(p.getParent())) {
                assertEquals(List.of(p.getFileName().toString()), s.map(x -> x.getFileName().toString()).toList(),
                        "no temp files left behind");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void corruptedExtractionIsReplaced(@TempDir Path dir) throws IOException {
        byte[] lib = "pretend library".getBytes(StandardCharsets.UTF_8);
        Path p = NativeTflite.extract(dir, lib);
        Files.writeString(p, "planted");
        assertEquals(p, NativeTflite.extract(dir, lib));
        assertEquals("pretend library", Files.readString(p));
    }

    /** The facts NativeTflite relies on, checked on the tflite-engine jar actually used. */
    @Test
    void googleClassesNeitherLoadLibrariesNorReachDjlOrTheNetwork() throws Exception {
        Path jar = Path.of(org.tensorflow.lite.DataType.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        int checked = 0;
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(jf.entries())) {
                if (!e.getName().startsWith("org/tensorflow/lite/") || !e.getName().endsWith(".class")) {
                    continue;
                }
                String constants;
                try (InputStream in = jf.getInputStream(e)) {
                    constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                }
                for (String bad : List.of("loadLibrary", "ai/djl", "java/net/", "getenv")) {
                    assertFalse(constants.contains(bad), e.getName() + " mentions " + bad);
                }
                checked++;
            }
        }
        assertTrue(checked >= 10, "expected the org.tensorflow.lite classes in " + jar + ", saw " + checked);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.engine.Engine"),
                "DJL's engine bootstrap (which can download natives) must not be on the test classpath");
    }
}
