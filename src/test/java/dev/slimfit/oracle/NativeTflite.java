package dev.slimfit.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Loads the TensorFlow Lite 2.6.2 JNI library ({@code libtensorflowlite_jni.so}) that the
 * test-scoped {@code ai.djl.tflite:tflite-native-cpu:2.6.2:linux-x86_64} jar carries as the
 * classpath resource {@value #RESOURCE}.
 *
 * <p>The library is extracted once into {@code <java.io.tmpdir>/slimfit-tflite-<user>/<sha-256>/}
 * (directory mode 0700, checked to belong to the current user) by writing a unique temporary file
 * and renaming it into place, so two JVMs racing see either no file or a complete one. Before
 * {@link System#load} the file on disk is hashed again and must equal the resource's sha-256;
 * a mismatch (partial or planted file) is replaced.
 *
 * <p>Why this is enough: in {@code ai.djl.tflite:tflite-engine:0.27.0} the Google classes
 * ({@code org.tensorflow.lite.*}) contain no {@code System.loadLibrary}/{@code System.load} call;
 * {@code TensorFlowLite.init()} just calls a native method. Only DJL's own
 * {@code ai.djl.tflite.engine.LibUtils} loads (and may download) the library, and it cannot even
 * link because the pom excludes {@code ai.djl:api}. So: call {@link #load()} before touching any
 * {@code org.tensorflow.lite} class, or that class fails with {@link UnsatisfiedLinkError}.
 * {@code NativeTfliteTest} checks these facts on the jars actually on the classpath.
 */
public final class NativeTflite {
    /** Classpath location of the JNI library inside the native jar. */
    public static final String RESOURCE = "native/lib/libtensorflowlite_jni.so";

    private static Path loaded;

    private NativeTflite() {
    }

    /**
     * Extracts (if needed) and loads the library. Idempotent and thread-safe.
     *
     * @return the absolute path that was passed to {@link System#load}
     * @throws IllegalStateException if the resource is missing or cannot be extracted
     */
    public static synchronized Path load() {
        if (loaded != null) {
            return loaded;
        }
        try {
            byte[] lib = readResource();
            Path target = extract(privateDir(), lib);
            System.load(target.toAbsolutePath().toString());
            loaded = target.toAbsolutePath();
            return loaded;
        } catch (IOException e) {
            throw new IllegalStateException("cannot extract " + RESOURCE + ": " + e, e);
        }
    }

    /**
     * Makes {@code <dir>/<sha-256 of lib>/libtensorflowlite_jni.so} hold exactly {@code lib}: kept if
     * already correct, else written to a unique temp file and renamed over it. Safe when several
     * threads or JVMs race.
     */
    static Path extract(Path dir, byte[] lib) throws IOException {
        String sha = sha256(lib);
        Path keyed = dir.resolve(sha);
        Files.createDirectories(keyed);
        Path target = keyed.resolve("libtensorflowlite_jni.so");
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                && sha.equals(sha256(Files.readAllBytes(target)))) {
            return target;
        }
        Path tmp = Files.createTempFile(keyed, "extract-", ".tmp");
        try {
            Files.write(tmp, lib);
            moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (!sha.equals(sha256(Files.readAllBytes(target)))) {
            throw new IOException("extracted " + target + " does not match sha-256 " + sha);
        }
        return target;
    }

    /** The path loaded by {@link #load()}, or {@code null} before. */
    public static synchronized Path loadedPath() {
        return loaded;
    }

    /** TFLite's runtime version string ("2.6.2" expected); loads the library first. */
    public static String runtimeVersion() {
        load();
        return org.tensorflow.lite.TensorFlowLite.runtimeVersion();
    }

    private static byte[] readResource() throws IOException {
        ClassLoader cl = NativeTflite.class.getClassLoader();
        try (InputStream in = cl.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath: the test-scoped "
                        + "ai.djl.tflite:tflite-native-cpu:2.6.2:linux-x86_64 jar is missing");
            }
            return in.readAllBytes();
        }
    }

    /** {@code <tmp>/slimfit-tflite-<user>}, mode 0700 and owned by us; else a fresh temp dir. */
    private static Path privateDir() throws IOException {
        String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "slimfit-tflite-" + user);
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // fine if it is ours and private; checked below
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
            return dir;
        }
        UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        boolean ours = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(me)
                && PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS))
                        .endsWith("------");
        return ours ? dir : Files.createTempDirectory("slimfit-tflite-");
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
