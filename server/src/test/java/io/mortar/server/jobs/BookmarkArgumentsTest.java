package io.mortar.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mortar.model.GlueErrorCode;
import io.mortar.model.GlueException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bookmark arguments' rules on their own (the API's answers are in the contract's JobBookmarkContract). */
class BookmarkArgumentsTest {

    @Test
    void everyModeIsAcceptedAndNothingElse() {
        for (String mode : BookmarkArguments.MODES) {
            BookmarkArguments.checkOption(Map.of("--job-bookmark-option", mode), "Arguments");
            assertThat(BookmarkArguments.pauseWindow(Map.of("--job-bookmark-option", mode))).isEmpty();
        }
        BookmarkArguments.checkOption(Map.of(), "Arguments");
        BookmarkArguments.checkOption(null, "DefaultArguments");
        assertThatThrownBy(() -> BookmarkArguments.checkOption(Map.of("--job-bookmark-option", " job-bookmark-enable"),
                "Arguments")).isInstanceOfSatisfying(GlueException.class,
                        e -> assertThat(e.code()).isEqualTo(GlueErrorCode.INVALID_INPUT));
    }

    @Test
    void aPausedRunWithBothRunsHasAWindow() {
        Map<String, String> arguments = new HashMap<>(Map.of("--job-bookmark-option", "job-bookmark-pause",
                "--job-bookmark-from", "jr_a", "--job-bookmark-to", "jr_b"));

        assertThat(BookmarkArguments.pauseWindow(arguments))
                .contains(new BookmarkArguments.PauseWindow("jr_a", "jr_b"));
        arguments.remove("--job-bookmark-from");
        arguments.remove("--job-bookmark-to");
        assertThat(BookmarkArguments.pauseWindow(arguments)).as("pause alone: from the last bookmark").isEmpty();
    }
}
