package io.mortar.catalog.connections;

import static java.util.Objects.requireNonNull;

import io.mortar.model.GlueException;
import io.mortar.model.GlueJson;
import io.mortar.store.connections.ConnectionStore;
import software.amazon.awssdk.services.glue.model.ConnectionPasswordEncryption;
import software.amazon.awssdk.services.glue.model.DataCatalogEncryptionSettings;
import software.amazon.awssdk.services.glue.model.GetDataCatalogEncryptionSettingsRequest;
import software.amazon.awssdk.services.glue.model.GetDataCatalogEncryptionSettingsResponse;
import software.amazon.awssdk.services.glue.model.PutDataCatalogEncryptionSettingsRequest;
import software.amazon.awssdk.services.glue.model.PutDataCatalogEncryptionSettingsResponse;

/**
 * The catalog's encryption settings. Connection passwords are always encrypted at rest with the server's own key;
 * {@code ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted} decides whether readers see them as
 * ciphertext ({@code ENCRYPTED_PASSWORD}), as Glue does. {@code AwsKmsKeyId} and {@code EncryptionAtRest} are
 * stored and returned as given: there is no KMS here.
 */
public final class EncryptionSettingsService {
    private static final String SETTING = "data_catalog_encryption";

    private final ConnectionStore store;

    EncryptionSettingsService(ConnectionStore store) {
        this.store = requireNonNull(store, "store");
    }

    public GetDataCatalogEncryptionSettingsResponse getSettings(GetDataCatalogEncryptionSettingsRequest request) {
        return GetDataCatalogEncryptionSettingsResponse.builder().dataCatalogEncryptionSettings(current()).build();
    }

    public PutDataCatalogEncryptionSettingsResponse putSettings(PutDataCatalogEncryptionSettingsRequest request) {
        DataCatalogEncryptionSettings settings = request.dataCatalogEncryptionSettings();
        if (settings == null) {
            throw GlueException.invalidInput("DataCatalogEncryptionSettings is required.");
        }
        ConnectionPasswordEncryption passwords = settings.connectionPasswordEncryption();
        if (passwords != null && passwords.returnConnectionPasswordEncrypted() == null) {
            throw GlueException.invalidInput("DataCatalogEncryptionSettings.ConnectionPasswordEncryption"
                    + ".ReturnConnectionPasswordEncrypted is required.");
        }
        store.putSetting(SETTING, GlueJson.writeString(settings));
        return PutDataCatalogEncryptionSettingsResponse.builder().build();
    }

    boolean returnConnectionPasswordEncrypted() {
        ConnectionPasswordEncryption passwords = current().connectionPasswordEncryption();
        return passwords != null && Boolean.TRUE.equals(passwords.returnConnectionPasswordEncrypted());
    }

    private DataCatalogEncryptionSettings current() {
        return store.setting(SETTING)
                .map(document -> GlueJson.read(document, DataCatalogEncryptionSettings.builder()))
                .orElseGet(() -> DataCatalogEncryptionSettings.builder() // Glue's answer before any Put
                        .encryptionAtRest(e -> e.catalogEncryptionMode("DISABLED"))
                        .connectionPasswordEncryption(p -> p.returnConnectionPasswordEncrypted(false))
                        .build());
    }
}
