package io.mortar.store.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "%       | \"\"      | true", "\"\"   | \"\"      | true", "\"\"   | a     | false",
        "_       | \"\"      | false", "_       | a     | true", "_       | ab    | false",
        "a%      | abc   | true", "a%      | bac   | false", "%c      | abc   | true", "%b%     | abc   | true",
        "a%c     | ac    | true", "a%c     | abdc  | true", "a%c     | abcd  | false", "%%      | x     | true",
        "a_c     | abc   | true", "a_c     | ac    | false", "%a%a%   | aa    | true", "%a%a%   | a     | false",
        "%ab     | aab   | true", "a%b%c   | aXbYbc | true", "a%%b    | ab    | true", "_%_     | a     | false",
        "abc     | ABC   | false", "[a]     | a     | false", "[a]     | [a]   | true", "a*      | ab    | false",
        "a?      | ab    | false", "\\%     | \\x   | true",
    })
    void matchesPercentAndUnderscoreOnly(String pattern, String value, boolean expected) {
        assertThat(LikePattern.matches(pattern, value)).isEqualTo(expected);
    }
}
