package io.mortar.runtime.scalascript;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * A Scala script's classes, in the compile cache: {@code jar} holds them (for a class loader, and for executors
 * on a cluster, which fetch it as one of the application's jars); {@code fromCache} says whether this run found
 * them there rather than compiling.
 */
public record CompiledScript(String key, Path jar, boolean fromCache) {
    /** A loader of the script's classes over {@code parent} (the driver's, which has Spark and the Glue API). */
    public URLClassLoader loader(ClassLoader parent) {
        try {
            return new URLClassLoader("scala-script-" + key.substring(0, 12), new URL[] {jar.toUri().toURL()}, parent);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("The compiled script's jar has no URL: " + jar, e);
        }
    }
}
