package io.mortar.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a store call failed with one of Glue's error codes, the only way the SPI reports refusals. */
final class GlueErrors {
    private GlueErrors() {}

    static GlueException assertGlueError(GlueErrorCode code, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("a GlueException %s", code).isInstanceOf(GlueException.class);
        GlueException glue = (GlueException) thrown;
        assertThat(glue.code()).as(glue.getMessage()).isEqualTo(code);
        return glue;
    }
}
