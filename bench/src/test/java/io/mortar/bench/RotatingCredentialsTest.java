package io.mortar.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

class RotatingCredentialsTest {
    @Test
    void eachRequestGetsTheNextKeyInTurn() {
        RotatingCredentials keys = new RotatingCredentials(List.of(AwsBasicCredentials.create("A", "a"),
                AwsBasicCredentials.create("B", "b"), AwsBasicCredentials.create("C", "c")));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(keys.resolveCredentials().accessKeyId());
        }

        assertThat(ids).containsExactly("A", "B", "C", "A", "B", "C", "A");
        assertThat(keys.handedOut()).isEqualTo(7);
        assertThat(keys.keys()).isEqualTo(3);
    }

    @Test
    void anotherTurnSignsWithTheSameKeysInTheSameOrderCountedApart() {
        RotatingCredentials keys = new RotatingCredentials(List.of(AwsBasicCredentials.create("A", "a"),
                AwsBasicCredentials.create("B", "b")));
        keys.resolveCredentials();
        RotatingCredentials twin = keys.anotherTurn();

        assertThat(twin.resolveCredentials().accessKeyId()).isEqualTo("A");
        assertThat(twin.resolveCredentials().secretAccessKey()).isEqualTo("b");
        assertThat(twin.handedOut()).isEqualTo(2);
        assertThat(keys.handedOut()).isEqualTo(1);
    }

    @Test
    void noKeysIsRefused() {
        assertThatThrownBy(() -> new RotatingCredentials(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
