package io.mortar.server.classifiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mortar.crawler.grok.GrokPattern;
import org.junit.jupiter.api.Test;

class ClassifierRulesTest {
    @Test
    void aBuiltInReferenceCountsForMoreThanAnyBuiltInExpandsTo() {
        assertThat(GrokPattern.builtInNames()).hasSizeGreaterThan(70);
        for (String name : GrokPattern.builtInNames()) {
            assertThat((long) GrokPattern.compile("%{" + name + ":f}", null).regex().length()).as(name)
                    .isLessThan(ClassifierRules.BUILT_IN_EXPANSION);
        }
    }
}
