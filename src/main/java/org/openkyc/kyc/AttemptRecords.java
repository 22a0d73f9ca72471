package org.openkyc.kyc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openkyc.privacy.PersonalDataCipher;
import org.openkyc.verification.Reason;
import org.springframework.stereotype.Component;

/**
 * What an attempt holds, read for a reviewer (SPEC §10): the attempt, every check result with its
 * evidence, the uploaded documents, and one document's image decrypted for viewing. Read-only; the
 * brand API never returns any of it. Callers audit each read they show to a person.
 */
@Component
public class AttemptRecords {

    private final KycRepository repository;
    private final PersonalDataCipher cipher;

    AttemptRecords(KycRepository repository, PersonalDataCipher cipher) {
        this.repository = repository;
        this.cipher = cipher;
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
                f.contentType(), cipher.decryptBytes(KycDocuments.purpose(kycId, f.documentType(), f.side()),
                        new String(f.content(), StandardCharsets.US_ASCII))));
    }

    static Attempt view(KycAttempt a) {
        return new Attempt(a.kycId(), a.brandId(), a.customerId(), a.programId(), a.status().wire(), a.reasons(), a.fields(),
                a.dateCreated(), a.dateUpdated());
    }
}
