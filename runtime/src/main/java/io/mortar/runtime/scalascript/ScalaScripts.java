package io.mortar.runtime.scalascript;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Glue's Scala jobs are source: a script ({@code --job-language scala}) is compiled at run start against the
 * driver's class path (Spark, the runtime, its Glue API, the job's {@code --extra-jars}) and its classes kept in a
 * cache keyed by the SHA-256 of the source, the Scala version and the runtime's jar (classes compiled against
 * another build of the Glue API could call methods it no longer has), so the next run of the same script starts
 * without scalac. A compilation happens in a folder of its own, moved into place in one rename: a run never sees
 * half a cache entry, and two runs compiling the same script at once both end with one whole entry.
 */
public final class ScalaScripts {
    /** Where the server puts the cache; without it, a folder under {@code java.io.tmpdir}. */
    public static final String CACHE_ENV = "MORTAR_SCRIPT_CACHE";
    private static final Logger LOG = LoggerFactory.getLogger(ScalaScripts.class);

    /** The runtime jar's size and time (empty when the runtime is a folder of classes, as in its own tests). */
    private static final String RUNTIME_BUILD = runtimeBuild();

    private final Path cacheRoot;

    public ScalaScripts(Path cacheRoot) {
        this.cacheRoot = requireNonNull(cacheRoot, "cacheRoot");
    }

    public static ScalaScripts fromEnvironment() {
        String configured = System.getenv(CACHE_ENV);
        return new ScalaScripts(configured == null || configured.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "mortar-script-cache")
                : Path.of(configured));
    }

    /** The folder of this Scala version's compiled scripts, one sub-folder per script content. */
    public Path cacheDir() {
        return cacheRoot.resolve("scala-" + ScalaCompiler.version());
    }

    /**
     * The script's classes, from the cache or compiled now.
     *
     * @throws ScalaCompileException with scalac's errors, each naming {@code fileName} and the line
     */
    public CompiledScript compile(String fileName, String source) {
        String key = key(source);
        Path entry = cacheDir().resolve(key);
        Path jar = entry.resolve("script.jar");
        if (Files.isRegularFile(jar)) {
            LOG.info("Scala script {}: compiled classes found in the cache ({})", fileName, entry);
            return new CompiledScript(key, jar, true);
        }
        long started = System.nanoTime();
        Path work = cacheDir().resolve(".compiling-" + UUID.randomUUID());
        try {
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> errors = ScalaCompiler.compile(fileName, source, compileClassPath(), classes.toString());
            if (!errors.isEmpty()) {
                throw new ScalaCompileException(fileName, errors);
            }
            writeJar(classes, work.resolve("script.jar"));
            publish(work, entry);
            LOG.info("Scala script {} compiled in {} ms (Scala {}), cached in {}", fileName,
                    (System.nanoTime() - started) / 1_000_000, ScalaCompiler.version(), entry);
            return new CompiledScript(key, jar, false);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compile the Scala script " + fileName + " into the cache "
                    + cacheDir() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    /** Content, compiler and API: the same source compiled by another Scala or runtime is another entry. */
    static String key(String source) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("scala " + ScalaCompiler.version() + "\nruntime " + RUNTIME_BUILD + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    private static String runtimeBuild() {
        try {
            Path location = Path.of(ScalaScripts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location)
                    ? Files.size(location) + "@" + Files.getLastModifiedTime(location).toMillis() : "";
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return "";
        }
    }

    /** Moves the finished compilation into place; if another run got there first, its entry stands. */
    private static void publish(Path work, Path entry) throws IOException {
        try {
            Files.move(work, entry, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            LOG.info("Another run cached the same script first: using {}", entry);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("The script cache " + entry.getParent() + " cannot rename atomically", e);
        }
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
             JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }

    /**
     * The driver's class path as scalac needs it: the JVM's ({@code java.class.path}, with the {@code Class-Path} of
     * a manifest-only jar followed, as test runners launch), then the jars SparkSubmit added for the job
     * ({@code --jars}: the context class loader's URLs).
     */
    static String compileClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
                entries.addAll(manifestClassPath(Path.of(entry)));
            }
        }
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
             loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    fileOf(url).ifPresent(entries::add);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path entry) {
        List<String> out = new ArrayList<>();
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return out;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath != null) {
                for (String ref : classPath.trim().split("\\s+")) {
                    fileOf(entry.toUri().resolve(ref).toURL()).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot read the manifest of {}", entry, e);
        }
        return out;
    }

    private static java.util.Optional<String> fileOf(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Path.of(url.toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Cannot remove {}", dir, e);
        }
    }
}
