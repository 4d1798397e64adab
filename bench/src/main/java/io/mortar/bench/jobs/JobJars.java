package io.mortar.bench.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Packs job classes of this module into a small jar, as a user would ship a job. */
final class JobJars {
    private JobJars() {}

    static Path write(Path jar, Class<?>... classes) throws IOException {
        return write(jar, java.util.Arrays.stream(classes).map(Class::getName).toArray(String[]::new));
    }

    /**
     * By name: a job class implementing the runtime's {@code MortarJob} cannot be loaded in a benchmark JVM without
     * the runtime on its class path, but its class file can be packed.
     */
    static Path write(Path jar, String... classNames) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : classNames) {
                String entry = name.replace('.', '/') + ".class";
                try (InputStream in = JobJars.class.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IOException("class file not found: " + entry);
                    }
                    out.putNextEntry(new JarEntry(entry));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }
}
