package io.mortar.cli.demo;

import java.util.List;

/** A step of the demo that failed: its message, then lines that help (where the log is, what to run). */
final class StepFailure extends RuntimeException {
    private final List<String> help;

    StepFailure(String message, List<String> help) {
        super(message);
        this.help = List.copyOf(help);
    }

    StepFailure(String message) {
        this(message, List.of());
    }

    List<String> help() {
        return help;
    }
}
