package io.mortar.runtime.scalascript;

import java.util.List;

/** A Scala script that scalac refused: the run fails with scalac's messages, each naming the script's file and line. */
public final class ScalaCompileException extends RuntimeException {
    private final List<String> errors;

    public ScalaCompileException(String fileName, List<String> errors) {
        super("Scala script " + fileName + " does not compile:\n" + String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
