package io.mortar.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** What the SDK contract suites (catalog and jobs) share: unique names and Glue error checks. */
public final class ContractSupport {
    private ContractSupport() {}

    /** A name no other test uses: the prefix, an underscore and eight hex digits. */
    public static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs a call that must fail, and checks that it failed as the SDK reports a Glue error of that type, with
     * status 400 and the error code Glue uses for it.
     */
    public static <E extends AwsServiceException> E expectError(Class<E> type, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("the call should fail with " + type.getSimpleName()).isInstanceOf(type);
        E error = type.cast(thrown);
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(type.getSimpleName());
        return error;
    }

    /** The error's Message member as the server sent it (the SDK's getMessage() appends request details). */
    public static String message(AwsServiceException error) {
        return error.awsErrorDetails().errorMessage();
    }
}
