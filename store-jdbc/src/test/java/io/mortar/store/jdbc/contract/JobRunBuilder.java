package io.mortar.store.jdbc.contract;

import io.mortar.store.jobs.StoredJobRun;
import java.time.Instant;
import java.util.Map;

/**
 * A {@link StoredJobRun} as a first attempt of a G.1X job starts, so a test names only what it is about: the run's
 * state and start time (also its last modification). Tests about every field build the record themselves.
 */
final class JobRunBuilder {
    private final String id;
    private final String jobName;
    private String state = "STARTING";
    private Instant startedOn = FixedTimes.T0;

    private JobRunBuilder(String id, String jobName) {
        this.id = id;
        this.jobName = jobName;
    }

    static JobRunBuilder run(String id, String jobName) {
        return new JobRunBuilder(id, jobName);
    }

    JobRunBuilder state(String state) {
        this.state = state;
        return this;
    }

    JobRunBuilder startedOn(Instant startedOn) {
        this.startedOn = startedOn;
        return this;
    }

    StoredJobRun build() {
        return new StoredJobRun(id, jobName, 0, null, null, state, startedOn, startedOn, null, null, null,
                Map.of("--job-bookmark-option", "job-bookmark-disable"), 2880, null, "G.1X", 2, "4.0", null, null,
                null, null, null, false, null, null);
    }
}
