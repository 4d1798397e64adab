package io.mortar.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the unittest suites of Mortar's awsglue package ({@code src/test/python}) as part of the module's tests. */
class PythonPackageTest {
    private static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in ", Pattern.MULTILINE);

    @Test
    void everyPythonTestPasses() {
        PythonTestProcess.Result result = PythonTestProcess.run("", "-m", "unittest", "discover", "-v", "-s", "src/test/python");

        assertThat(result.exitCode()).as("python3 -m unittest failed:%n%s", result.output()).isZero();
        // A discovery that finds nothing also ends with 0 before Python 3.12: the suites must have run.
        Matcher ran = RAN.matcher(result.output());
        assertThat(ran.find()).as("no unittest summary in:%n%s", result.output()).isTrue();
        assertThat(Integer.parseInt(ran.group(1))).as(result.output()).isGreaterThan(0);
    }
}
