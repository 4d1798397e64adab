package io.mortar.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SigningKeysTest {
    @Test
    void aKeyIsDerivedForTheVerifiersRegionAndServiceAndRemembered() {
        SigningKeys keys = new SigningKeys("us-east-1", "iam");

        byte[] first = keys.key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830");

        assertThat(Sha256.hexOf(first)).isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
        assertThat(keys.key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830")).isSameAs(first);
        assertThat(keys.key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150831")).isNotEqualTo(first);
        assertThat(keys.key("another", "20150830")).isNotEqualTo(first);
        assertThat(keys.size()).isEqualTo(3);
    }

    @Test
    void theCacheStaysBoundedHoweverManySecretsAndDaysItSees() {
        SigningKeys keys = new SigningKeys("us-east-1", "glue");

        for (int i = 0; i < SigningKeys.MAX_ENTRIES * 3 + 7; i++) {
            byte[] key = keys.key("secret-" + i, "20261207");

            assertThat(key).isEqualTo(SigningKeys.derive("secret-" + i, "20261207", "us-east-1", "glue"));
            assertThat(keys.size()).isLessThanOrEqualTo(SigningKeys.MAX_ENTRIES);
        }
    }
}
