package org.openkyc.kyc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.Rule;
import org.openkyc.api.SchemaErrors;
import org.openkyc.customer.Customers;
import org.openkyc.privacy.PersonalDataCipher;
import org.openkyc.verification.Reason;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/**
 * Document uploads (SPEC §5.4): checked by content, at most 10 MiB each, stored encrypted. When
 * every requested document is in, the attempt moves on: to review (sandbox, and live until the
 * document checks of §8.3 exist).
 */
@Service
class KycDocuments {

    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;
    static final List<String> GOVERNMENT_ID_TYPES = List.of("drivers_license", "passport", "state_id", "passport_card",
            "permanent_resident_card", "work_permit", "visa");
    static final List<String> PROOF_OF_ADDRESS_TYPES = List.of("utility_bill", "property_tax_bill");
    private static final Set<String> COUNTRIES = Set.of(java.util.Locale.getISOCountries());

    private final Customers customers;
    private final KycRepository repository;
    private final KycTransitions transitions;
    private final PersonalDataCipher cipher;
    private final Clock clock;

    KycDocuments(Customers customers, KycRepository repository, KycTransitions transitions, PersonalDataCipher cipher, Clock clock) {
        this.clock = clock;
        this.customers = customers;
        this.repository = repository;
        this.transitions = transitions;
        this.cipher = cipher;
    }

    /** A decoded file of the request, ready to store. */
    private record Upload(String documentType, String side, String fileName, String contentType, byte[] content) {
    }

    private record Document(String type, String subtype, String country, List<Upload> files) {
    }

    /** Returns how many documents this request submitted. */
    @Transactional
    int upload(UUID brandId, UUID customerId, JsonNode body) {
        customers.lockForKyc(brandId, customerId).orElseThrow(() -> KycService.customerNotFound(customerId));
        KycAttempt attempt = repository.latest(brandId, customerId, null)
                .filter(a -> a.status() == KycStatus.DOCUMENT_REQUIRED)
                .orElseThrow(() -> ApiException.conflict("kyc_documents_not_requested", "No documents are requested for this customer's KYC."));
        List<KycDocument> requested = repository.documents(attempt.kycId());

        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        List<Document> documents = new ArrayList<>();
        Input<JsonBody> governmentId = reader.object("government_id", false, false);
        Input<JsonBody> proofOfAddress = reader.object("proof_of_address", false, false);
        Input<JsonBody> ssnCard = reader.object("social_security_card", false, false);
        reader.finish();
        if (governmentId.present()) {
            documents.add(governmentId(governmentId.value()));
        }
        if (proofOfAddress.present()) {
            documents.add(single(proofOfAddress.value(), "proof_of_address", PROOF_OF_ADDRESS_TYPES));
        }
        if (ssnCard.present()) {
            documents.add(single(ssnCard.value(), "social_security_card", null));
        }
        documents.removeIf(java.util.Objects::isNull);
        for (Document d : documents) {
            if (requested.stream().noneMatch(r -> r.documentType().equals(d.type()))) {
                errors.add(d.type(), "This document was not requested.");
            }
        }
        if (errors.isEmpty() && documents.isEmpty()) {
            errors.add("_schema", "Send at least one of the requested documents: "
                    + String.join(", ", requested.stream().map(KycDocument::documentType).toList()) + ".");
        }
        errors.throwIfAny("kyc_documents_schema");

        Instant now = DbTime.now(clock);
        for (Document d : documents) {
            for (Upload file : d.files()) {
                byte[] sealed = cipher.encrypt(purpose(attempt.kycId(), d.type(), file.side()), file.content())
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                repository.insertFile(attempt.kycId(), d.type(), file.side(), file.fileName(), file.contentType(), file.content().length, sealed, now);
            }
            repository.markSubmitted(attempt.kycId(), d.type(), d.subtype(), d.country(), now);
        }
        if (repository.documents(attempt.kycId()).stream().allMatch(KycDocument::submitted)) {
            KycAttempt locked = repository.findForUpdate(attempt.kycId()).orElseThrow();
            transitions.apply(locked, KycTransitions.Change.to(KycStatus.UNDER_REVIEW,
                    List.of(new Reason("documents_submitted", "All requested documents were submitted; a reviewer will check them."))));
        }
        return documents.size();
    }

    /** The cipher's context of a stored file: it opens only as the file of this attempt, type and side. */
    static String purpose(UUID kycId, String documentType, String side) {
        return "kyc.document:" + kycId + ":" + documentType + ":" + side;
    }

    private Document governmentId(JsonBody body) {
        Input<String> type = body.string("type", true, Rule.oneOf(GOVERNMENT_ID_TYPES));
        Input<String> country = body.string("country", false, Rule.that(COUNTRIES::contains, "Not a valid ISO 3166-1 alpha-2 country code."));
        Upload front = body.object("front_image", true, false).map(b -> file(b, "government_id", "front")).orElse(null);
        Upload back = body.object("back_image", false, false).map(b -> file(b, "government_id", "back")).orElse(null);
        body.finish();
        if (!body.valid() || front == null) {
            return null;
        }
        List<Upload> files = back == null ? List.of(front) : List.of(front, back);
        return new Document("government_id", type.value(), country.orElse("US"), files);
    }

    private Document single(JsonBody body, String documentType, List<String> subtypes) {
        Input<String> type = subtypes == null ? Input.absent() : body.string("type", true, Rule.oneOf(subtypes));
        Upload upload = file(body, documentType, "single");
        if (!body.valid() || upload == null) {
            return null;
        }
        return new Document(documentType, type.orElse(null), null, List.of(upload));
    }

    /** {@code file_name} and base64 {@code image}; the content must be a JPEG, PNG, HEIC or PDF. */
    private static Upload file(JsonBody body, String documentType, String side) {
        Input<String> fileName = body.string("file_name", true, Rule.length(1, 255));
        Input<String> image = body.string("image", true);
        body.finish();
        if (!image.present()) {
            return null;
        }
        byte[] content;
        try {
            String compact = image.value().replaceAll("\\s", "");
            content = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(compact) : Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            body.errors().add("image", "Not a valid base64 string.");
            return null;
        }
        String contentType = content.length > MAX_FILE_BYTES ? null : FileSniffer.contentType(content);
        if (content.length > MAX_FILE_BYTES) {
            body.errors().add("image", "File is larger than 10 MiB.");
        } else if (contentType == null) {
            body.errors().add("image", "File must be a JPEG, PNG, HEIC or PDF (checked by content).");
        }
        if (!fileName.present() || contentType == null) {
            return null;
        }
        return new Upload(documentType, side, fileName.value(), contentType, content);
    }
}
