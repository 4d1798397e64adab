package io.mortar.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ConfigLoader}: the defaults, the four sources and their order (flag > environment > file > default), the
 * environment variable names, and errors that name the setting and the value a person has to fix.
 */
class ConfigLoaderTest {
    @TempDir
    Path dataDir;

    /** Loads with only the data directory given (so no ~/.mortar/mortar.properties can leak in). */
    private ServerConfig load(Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("mortar.data-dir", dataDir.toString()));
        all.putAll(flags);
        return ConfigLoader.load(null, environment, all);
    }

    private Path propertiesFile(String... lines) throws IOException {
        return Files.write(dataDir.resolve("mortar.properties"), List.of(lines));
    }

    @Test
    void everyDefault() {
        ServerConfig config = load(Map.of(), Map.of());

        assertThat(config.listen().bind()).isEqualTo("127.0.0.1");
        assertThat(config.listen().port()).isEqualTo(8095);
        assertThat(config.dataDir()).isEqualTo(dataDir.toAbsolutePath());
        assertThat(config.store().url()).isEqualTo("jdbc:sqlite:" + dataDir.toAbsolutePath().resolve("catalog.db"));
        assertThat(config.store().user()).isNull();
        assertThat(config.store().password()).isNull();
        assertThat(config.store().maxConnections()).isEqualTo(4);
        assertThat(config.store().durableCommits()).isTrue();
        assertThat(config.identity().accountId()).isEqualTo("000000000000");
        assertThat(config.identity().region()).isEqualTo("us-east-1");
    }

    @Test
    void theDataDirectoryDefaultsToDotMortarInTheHomeDirectory() {
        Path home = Path.of(System.getProperty("user.home"), ".mortar");
        assertThat(ConfigLoader.defaultDataDir()).isEqualTo(home);
        assertThat(setting("mortar.data-dir").defaultValue()).isEqualTo(home.toString());
    }

    @Test
    void postgresqlGetsALargerPoolByDefault() {
        ServerConfig config = load(Map.of(), Map.of("mortar.store.url", "jdbc:postgresql://127.0.0.1:5432/mortar"));

        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/mortar");
        assertThat(config.store().maxConnections()).isEqualTo(16);
    }

    @Test
    void theSettingsTableListsEveryKeyWithItsDefaultAndEnvironmentVariable() {
        assertThat(ConfigLoader.SETTINGS).extracting(ConfigLoader.Setting::key, ConfigLoader.Setting::environmentVariable)
                .containsExactly(
                        tuple("mortar.bind", "MORTAR_BIND"),
                        tuple("mortar.port", "MORTAR_PORT"),
                        tuple("mortar.data-dir", "MORTAR_DATA_DIR"),
                        tuple("mortar.store.url", "MORTAR_STORE_URL"),
                        tuple("mortar.store.user", "MORTAR_STORE_USER"),
                        tuple("mortar.store.password", "MORTAR_STORE_PASSWORD"),
                        tuple("mortar.store.pool-size", "MORTAR_STORE_POOL_SIZE"),
                        tuple("mortar.store.durable-commits",
                                "MORTAR_STORE_DURABLE_COMMITS"),
                        tuple("mortar.account-id", "MORTAR_ACCOUNT_ID"),
                        tuple("mortar.region", "MORTAR_REGION"));
        assertThat(setting("mortar.bind").defaultValue()).isEqualTo("127.0.0.1");
        assertThat(setting("mortar.port").defaultValue()).isEqualTo("8095");
        assertThat(setting("mortar.store.durable-commits").defaultValue()).isEqualTo("true");
        assertThat(setting("mortar.account-id").defaultValue()).isEqualTo("000000000000");
        assertThat(setting("mortar.region").defaultValue()).isEqualTo("us-east-1");
        assertThat(ConfigLoader.SETTINGS).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void everySettingIsReadFromItsEnvironmentVariable() {
        Map<String, String> environment = new HashMap<>();
        environment.put("MORTAR_BIND", "0.0.0.0");
        environment.put("MORTAR_PORT", "9001");
        environment.put("MORTAR_STORE_URL", "jdbc:postgresql://db:5432/catalog");
        environment.put("MORTAR_STORE_USER", "glue");
        environment.put("MORTAR_STORE_PASSWORD", "secret");
        environment.put("MORTAR_STORE_POOL_SIZE", "7");
        environment.put("MORTAR_STORE_DURABLE_COMMITS", "false");
        environment.put("MORTAR_ACCOUNT_ID", "123456789012");
        environment.put("MORTAR_REGION", "eu-west-1");
        Path other = dataDir.resolve("other");
        environment.put("MORTAR_DATA_DIR", other.toString());

        ServerConfig config = ConfigLoader.load(null, environment, Map.of());

        assertThat(config.listen()).isEqualTo(new ListenConfig("0.0.0.0", 9001));
        assertThat(config.dataDir()).isEqualTo(other.toAbsolutePath());
        assertThat(config.store().url()).isEqualTo("jdbc:postgresql://db:5432/catalog");
        assertThat(config.store().user()).isEqualTo("glue");
        assertThat(config.store().password()).isEqualTo("secret");
        assertThat(config.store().maxConnections()).isEqualTo(7);
        assertThat(config.store().durableCommits()).isFalse();
        assertThat(config.identity().accountId()).isEqualTo("123456789012");
        assertThat(config.identity().region()).isEqualTo("eu-west-1");
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        propertiesFile("mortar.port=1111", "mortar.region=file-region", "mortar.account-id=111111111111",
                "mortar.bind=127.0.0.2");
        Map<String, String> environment = Map.of("MORTAR_PORT", "2222", "MORTAR_REGION", "env-region");
        Map<String, String> flags = Map.of("mortar.port", "3333");

        ServerConfig config = load(environment, flags);

        assertThat(config.listen().port()).as("flag over environment and file").isEqualTo(3333);
        assertThat(config.identity().region()).as("environment over file").isEqualTo("env-region");
        assertThat(config.identity().accountId()).as("file over default").isEqualTo("111111111111");
        assertThat(config.listen().bind()).as("file over default").isEqualTo("127.0.0.2");
        assertThat(config.store().durableCommits()).as("default").isTrue();
        assertThat(load(environment, Map.of()).listen().port()).isEqualTo(2222);
        assertThat(load(Map.of(), Map.of()).listen().port()).isEqualTo(1111);
    }

    @Test
    void theFileIsFoundInTheDataDirectoryNamedByTheEnvironment() throws IOException {
        Path elsewhere = Files.createDirectories(dataDir.resolve("elsewhere"));
        Files.write(elsewhere.resolve("mortar.properties"), List.of("mortar.port=4444"));

        ServerConfig config = ConfigLoader.load(null, Map.of("MORTAR_DATA_DIR", elsewhere.toString()), Map.of());

        assertThat(config.listen().port()).isEqualTo(4444);
        assertThat(config.dataDir()).isEqualTo(elsewhere.toAbsolutePath());
    }

    @Test
    void anExplicitConfigFileIsReadInsteadOfTheDataDirectoryOne() throws IOException {
        propertiesFile("mortar.port=1111");
        Path explicit = Files.write(dataDir.resolve("explicit.properties"), List.of("mortar.region=explicit"));

        ServerConfig config = ConfigLoader.load(explicit, Map.of(), Map.of("mortar.data-dir", dataDir.toString()));

        assertThat(config.identity().region()).isEqualTo("explicit");
        assertThat(config.listen().port()).as("the data-dir file is not read as well").isEqualTo(8095);
    }

    // ------------------------------------------------------------------ bad values

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            mortar.port                  | 70000          | mortar.port must be between 0 (any free port) and 65535, not 70000
            mortar.port                  | -1             | mortar.port must be between 0 (any free port) and 65535, not -1
            mortar.port                  | abc            | mortar.port must be a whole number, not 'abc'
            mortar.store.pool-size       | many           | mortar.store.pool-size must be a whole number, not 'many'
            mortar.store.durable-commits | maybe          | mortar.store.durable-commits must be true or false, not 'maybe'
            mortar.store.url             | mysql://db/x   | mortar.store.url: Unsupported store URL
            mortar.store.url             | jdbc:mysql://x | mortar.store.url: Unsupported store URL
            mortar.account-id            | 12345          | mortar.account-id must be 12 digits, not '12345'
            mortar.store.pool-size       | 0              | mortar.store.pool-size must be at least 1, not 0
            mortar.region                | ''             | mortar.region must be a region name such as us-east-1, not ''
            mortar.region                | EU West        | mortar.region must be a region name such as us-east-1, not 'EU West'
            mortar.data-dir              | ' '            | mortar.data-dir must name a directory
            mortar.bind                  | ' '            | mortar.bind must name an address to listen on
            """)
    void aBadValueIsAConfigExceptionNamingTheSettingAndValue(String key, String value, String message) {
        assertThatThrownBy(() -> load(Map.of(), Map.of(key, value)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void aBadValueFromTheEnvironmentOrFileIsReportedTheSameWay() throws IOException {
        assertThatThrownBy(() -> load(Map.of("MORTAR_PORT", "abc"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage("mortar.port must be a whole number, not 'abc'");
        propertiesFile("mortar.store.durable-commits=maybe");
        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("mortar.store.durable-commits must be true or false, not 'maybe'");
    }

    @Test
    void anUnknownKeyInTheFileIsRefusedByName() throws IOException {
        Path file = propertiesFile("mortar.prot=8080");

        assertThatThrownBy(() -> load(Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mortar.prot").hasMessageContaining(file.toString());
    }

    @Test
    void valuesAreTrimmedOfSurroundingBlanks() throws IOException {
        propertiesFile("mortar.bind=127.0.0.1 ", "mortar.region= eu-west-1 ");

        ServerConfig config = load(Map.of(), Map.of());

        assertThat(config.listen().bind()).isEqualTo("127.0.0.1");
        assertThat(config.identity().region()).isEqualTo("eu-west-1");
    }

    @Test
    void aMissingExplicitConfigFileIsRefusedByPath() {
        Path missing = dataDir.resolve("nope.properties");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of("mortar.data-dir", dataDir.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        ServerConfig config = load(Map.of("MORTAR_TEST_PG_URL", "jdbc:postgresql://x/y", "PORT", "1"), Map.of());

        assertThat(config.listen().port()).isEqualTo(8095);
        assertThat(config.store().url()).startsWith("jdbc:sqlite:");
    }

    private static ConfigLoader.Setting setting(String key) {
        return ConfigLoader.SETTINGS.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }
}
