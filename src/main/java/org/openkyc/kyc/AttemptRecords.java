package org.openkyc.kyc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.privacy.PersonalDataCipher;
import org.openkyc.verification.Reason;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an attempt holds, read for a reviewer (SPEC §10): the attempt, every check result with its
 * evidence, the uploaded documents, and one document's image decrypted for viewing. Read-only; the
 * brand API never returns any of it. Callers audit each read they show to a person.
 */
@Component
public class AttemptRecords {

    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() { };

    private final KycRepository repository;
    private final PersonalDataCipher cipher;
    private final JsonMapper json;

    AttemptRecords(KycRepository repository, PersonalDataCipher cipher, JsonMapper json) {
        this.repository = repository;
        this.cipher = cipher;
        this.json = json;
    }

    /** An attempt as a reviewer sees it; {@code status} is the wire value (SPEC §5.3). */
    public record Attempt(UUID kycId, UUID brandId, UUID customerId, UUID programId, String status, List<Reason> reasons,
                          List<String> fields, Instant dateCreated, Instant dateUpdated) {
    }

    /** One check's result; {@code evidence} is null once the customer was erased. */
    public record CheckRecord(String check, String outcome, String reasonCode, Map<String, Object> evidence, Instant at) {
    }

    /** An uploaded file, without its content. */
    public record DocumentFile(UUID fileId, String documentType, String subtype, String side, String fileName, String contentType,
                               int sizeBytes, Instant uploadedAt) {
    }

    /** A document image, decrypted. Never logged. */
    public record Image(UUID fileId, String documentType, String side, String fileName, String contentType, byte[] content) {
        @Override
        public String toString() {
            return "Image[" + fileId + "]";
        }
    }

    /**
     * What a licence's barcode said, decrypted for the reviewer's side-by-side view only (the
     * document number is left out: nothing on the customer's side to compare it with). Never logged.
     */
    public record DecodedLicence(String familyName, String givenName, String middleName, LocalDate dob, LocalDate issued, LocalDate expires,
                                 String street, String city, String state, String zip, String country, String sex) {
        @Override
        public String toString() {
            return "DecodedLicence[redacted]";
        }
    }

    public Optional<Attempt> attempt(UUID brandId, UUID kycId) {
        return repository.find(brandId, kycId).map(AttemptRecords::view);
    }

    /** The customer's latest attempt that counts (a monitoring case shows the one the customer passed with). */
    public Optional<Attempt> latest(UUID brandId, UUID customerId) {
        return repository.latest(brandId, customerId, null).map(AttemptRecords::view);
    }

    public List<CheckRecord> checkResults(UUID kycId) {
        return repository.checkResults(kycId);
    }

    public List<DocumentFile> documents(UUID kycId) {
        return repository.documentFiles(kycId);
    }

    /** The file decrypted (empty when it is not one of this attempt's, or was erased with the customer). */
    public Optional<Image> image(UUID kycId, UUID fileId) {
        return repository.documentFile(kycId, fileId).map(f -> new Image(f.fileId(), f.documentType(), f.side(), f.fileName(),
                f.contentType(), cipher.decryptBytes(KycDocuments.filePurpose(kycId, f.documentType(), f.side()),
                        new String(f.content(), StandardCharsets.US_ASCII))));
    }

    /**
     * The licence fields the document check stored sealed in its evidence ({@code sealed}, its
     * {@code decoded_fields_sealed}), opened for this attempt only: the seal is bound to the
     * attempt, so a value from another attempt does not open. Empty when there is nothing to open
     * or it cannot be (a retired key): the page then shows the comparison without the fields.
     */
    public Optional<DecodedLicence> decodedLicence(UUID kycId, String sealed) {
        if (sealed == null || sealed.isBlank()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> d = json.readValue(cipher.decrypt(KycDocumentChecks.licencePurpose(kycId), sealed), FIELDS);
            return Optional.of(new DecodedLicence(text(d, "family_name"), text(d, "given_name"), text(d, "middle_name"), date(d, "dob"),
                    date(d, "issued"), date(d, "expires"), text(d, "street"), text(d, "city"), text(d, "state"), text(d, "zip"),
                    text(d, "country"), text(d, "sex")));
        } catch (IllegalStateException | IllegalArgumentException | JacksonException | DateTimeParseException e) {
            // Not shown rather than failing the case page; what failed is not logged (it is personal data).
            return Optional.empty();
        }
    }

    private static String text(Map<String, Object> fields, String key) {
        Object value = fields.get(key);
        return value == null ? null : value.toString();
    }

    private static LocalDate date(Map<String, Object> fields, String key) {
        String value = text(fields, key);
        return value == null ? null : LocalDate.parse(value);
    }

    static Attempt view(KycAttempt a) {
        return new Attempt(a.kycId(), a.brandId(), a.customerId(), a.programId(), a.status().wire(), a.reasons(), a.fields(),
                a.dateCreated(), a.dateUpdated());
    }
}
