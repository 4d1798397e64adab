package io.mortar.runtime.python;

import io.mortar.runtime.JobArguments;
import io.mortar.runtime.ScriptLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * The Python a run adds to its path, from Glue's job arguments: {@code --extra-py-files} (comma-separated {@code
 * .py} files, whose folder joins the path, and {@code .zip}/{@code .egg}/{@code .whl} archives, which join it
 * themselves; local or on S3, copied into the run's folder), and {@code --additional-python-modules}
 * (comma-separated pip requirements, installed with pip into the run's folder before the script starts, with the
 * options {@code --python-modules-installer-option} gives). Installed modules come first, so a script can replace
 * a module the machine has, as on Glue.
 */
final class PythonModules {
    private PythonModules() {}

    /** Prepares the run's Python path entries, in the order they go on {@code PYTHONPATH}. */
    static List<String> prepare(JobArguments args, String python, Path workDir, Configuration hadoop)
            throws IOException, InterruptedException {
        List<String> entries = new ArrayList<>();
        List<String> modules = commaList(args.get("additional-python-modules").orElse(""));
        if (!modules.isEmpty()) {
            Path target = workDir.resolve("python-modules");
            install(python, modules, args.get("python-modules-installer-option").orElse(""), target);
            entries.add(target.toString());
        }
        Path pyFolder = workDir.resolve("py-files");
        boolean loosePy = false;
        List<String> archives = new ArrayList<>();
        for (String file : commaList(args.get("extra-py-files").orElse(""))) {
            String lower = file.toLowerCase(Locale.ROOT);
            boolean isPy = lower.endsWith(".py");
            if (!isPy && !lower.endsWith(".zip") && !lower.endsWith(".egg") && !lower.endsWith(".whl")) {
                throw new IllegalArgumentException("--extra-py-files: '" + file
                        + "' is not a .py, .zip, .egg or .whl file");
            }
            Path local = new ScriptLocation(file).localCopy(pyFolder, hadoop);
            if (isPy) {
                if (!local.getParent().equals(pyFolder)) {
                    Files.createDirectories(pyFolder);
                    Files.copy(local, pyFolder.resolve(local.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                loosePy = true;
            } else {
                archives.add(local.toString());
            }
        }
        if (loosePy) {
            entries.add(pyFolder.toString());
        }
        entries.addAll(archives);
        return entries;
    }

    private static void install(String python, List<String> modules, String installerOptions, Path target)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, "-m", "pip", "install", "--quiet",
                "--disable-pip-version-check", "--no-warn-script-location", "--target", target.toString()));
        command.addAll(splitOptions(installerOptions));
        command.addAll(modules);
        System.out.println("Mortar: installing --additional-python-modules: " + String.join(" ", command));
        Process pip = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pip.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(output);
        int exit = pip.waitFor();
        if (exit != 0) {
            String[] lines = output.strip().split("\n");
            throw new IllegalArgumentException("--additional-python-modules: pip could not install "
                    + String.join(",", modules) + ": " + lines[lines.length - 1].strip());
        }
    }

    static List<String> commaList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Installer options as a shell would split them (no quoting: Glue passes them to pip the same way). */
    static List<String> splitOptions(String options) {
        return Arrays.stream(options.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
