package org.openkyc.kyc;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openkyc.db.DbTime;
import org.openkyc.api.ApiException;
import org.openkyc.api.Input;
import org.openkyc.api.JsonBody;
import org.openkyc.api.SchemaErrors;
import org.openkyc.api.Timestamps;
import org.openkyc.customer.KycCustomers;
import org.openkyc.customer.KycSubject;
import org.openkyc.db.Ids;
import org.openkyc.program.Program;
import org.openkyc.program.Programs;
import org.openkyc.verification.Reason;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

/** Starting KYC, its status, and the sandbox simulation (SPEC §5.1, §5.2, §5.6). */
@Service
class KycService {

    private final KycCustomers customers;
    private final Programs programs;
    private final KycRepository repository;
    private final KycTransitions transitions;
    private final KycEvaluator evaluator;
    private final Clock clock;

    KycService(KycCustomers customers, Programs programs, KycRepository repository, KycTransitions transitions, KycEvaluator evaluator, Clock clock) {
        this.clock = clock;
        this.customers = customers;
        this.programs = programs;
        this.repository = repository;
        this.transitions = transitions;
        this.evaluator = evaluator;
    }

    /**
     * SPEC §5.1, in the caller's transaction: KYC starts are committed in groups
     * ({@link KycStartBatcher}). {@code locked} is the customer as locked by the caller in this
     * transaction ({@code KycCustomers.lockAllForKycStart}; null if there is none), so concurrent
     * starts for one customer run one after the other and all but one see the attempt in progress. Not
     * transactional itself, so that a refusal (an {@link ApiException}, always thrown before
     * anything is written) does not mark the group's transaction for rollback.
     */
    KycAttempt startInTransaction(UUID brandId, UUID customerId, JsonNode body, KycSubject locked) {
        KycSubject subject = java.util.Optional.ofNullable(locked).filter(s -> s.brandId().equals(brandId))
                .orElseThrow(() -> customerNotFound(customerId));
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<UUID> programId = KycRequestFields.PROGRAM_ID.readUuid(reader);
        Map<String, Input<String>> given = new LinkedHashMap<>();
        KycRequestFields.CUSTOMER_FIELDS.forEach(field -> given.put(field.name(), field.readString(reader)));
        Input<String> ip = KycRequestFields.IP.readString(reader);
        reader.finish();
        errors.throwIfAny("kyc_post_schema");

        Program program = programs.findRecent(brandId, programId.value()).orElseThrow(() -> programNotFound(programId.value()));
        // The customer row carries the latest attempt's state (written in every transition's transaction).
        KycStatus latest = subject.kycStatus() == null ? null : KycStatus.fromWire(subject.kycStatus());
        refuseIfNotAllowed(subject, latest);
        requirePolicyFields(program, subject, given, ip);

        Map<String, String> toSave = new LinkedHashMap<>();
        given.forEach((field, input) -> {
            if (input.present() && !input.value().isEmpty()) {
                toSave.put(field, input.value());
            }
        });
        customers.startKyc(subject, toSave);
        Instant now = DbTime.now(clock);
        if (latest == KycStatus.DOCUMENT_REQUIRED) {
            repository.supersedeWaiting(customerId, now);
        }
        KycAttempt attempt = new KycAttempt(Ids.newId(), brandId, customerId, program.programId(), KycStatus.SUBMITTED,
                ip.orElse(null), List.of(), List.of(), null, now, 0, null, null, now, now);
        transitions.started(attempt);
        org.openkyc.db.AfterCommit.run(evaluator::wakeUp);
        return attempt;
    }

    record Status(KycAttempt attempt, int requestsAvailable, List<Map<String, Object>> documents) {
    }

    /** One snapshot for the attempt and the customer: an outcome committed between the two reads must not show half. */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    Status status(UUID brandId, UUID customerId, UUID programId) {
        KycSubject subject = customers.kycSubject(brandId, customerId).orElseThrow(() -> customerNotFound(customerId));
        KycAttempt attempt = repository.latest(brandId, customerId, programId)
                .orElseThrow(() -> ApiException.notFound("kyc_dne", "Customer " + customerId + " has not started KYC."));
        return new Status(attempt, subject.kycRequestsAvailable(), transitions.documentsView(attempt));
    }

    /** SPEC §5.6: moves the customer's open attempt to passed or failed, with the event. */
    @Transactional
    KycAttempt simulate(UUID brandId, JsonNode body, KycStatus outcome) {
        SchemaErrors errors = new SchemaErrors();
        JsonBody reader = JsonBody.of(body, errors, false);
        Input<UUID> customerId = reader.uuid("customer_id", true);
        Input<UUID> programId = reader.uuid("program_id", true);
        reader.finish();
        errors.throwIfAny("simulate_kyc_schema");
        customers.lockForKyc(brandId, customerId.value()).orElseThrow(() -> customerNotFound(customerId.value()));
        KycAttempt attempt = repository.latest(brandId, customerId.value(), programId.value())
                .orElseThrow(() -> ApiException.notFound("kyc_dne", "Customer " + customerId.value() + " has not started KYC for this program."));
        KycAttempt locked = repository.findForUpdate(attempt.kycId()).orElseThrow();
        if (!KycStateMachine.allowed(locked.status(), outcome)) {
            throw ApiException.conflict("kyc_not_open", "The customer's KYC attempt is " + locked.status().wire() + ", not open.");
        }
        return transitions.apply(locked, KycTransitions.Change.to(outcome,
                List.of(Reason.of("sandbox_simulated"))));
    }

    private static void refuseIfNotAllowed(KycSubject subject, KycStatus latest) {
        if (subject.kycPassedAt() != null || latest == KycStatus.PASSED) {
            Instant passedAt = subject.kycPassedAt();
            throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "kyc_already_passed",
                    "Customer " + subject.customerId() + " already passed KYC at " + Timestamps.format(passedAt) + ".",
                    ApiException.REQUEST_ERROR, Map.of("kyc_passed_at", Timestamps.format(passedAt)));
        }
        if (latest != null && latest.inProgress()) {
            throw ApiException.conflict("kyc_in_progress", "A KYC attempt is already in progress for this customer. "
                    + "Use GET /customers/" + subject.customerId() + "/verification-kyc for its status.");
        }
        if (subject.kycRequestsAvailable() <= 0) {
            throw ApiException.conflict("kyc_retries", "No KYC attempts remain for this customer (kyc_requests_available is 0).");
        }
    }

    /** Fields the program requires must be in the request or on the customer record (SPEC §3, §5.1). */
    private static void requirePolicyFields(Program program, KycSubject subject, Map<String, Input<String>> given, Input<String> ip) {
        SchemaErrors missing = new SchemaErrors();
        Map<String, String> onRecord = Map.of(
                "ssn", nullToEmpty(subject.ssn()), "phone", nullToEmpty(subject.phone()),
                "phone_country_code", nullToEmpty(subject.phoneCountryCode()), "email", nullToEmpty(subject.email()));
        for (String field : program.kycPolicy().required_fields()) {
            if (field.equals("ip")) {
                continue;
            }
            boolean inRequest = given.get(field).present() && !given.get(field).value().isEmpty();
            if (!inRequest && onRecord.getOrDefault(field, "").isEmpty()) {
                missing.add(field, "Missing data for required field.");
            }
        }
        boolean ipRequired = program.kycPolicy().require_ip() || program.kycPolicy().required_fields().contains("ip");
        if (ipRequired && !(ip.present() && !ip.value().isBlank())) {
            missing.add("ip", "Missing data for required field.");
        }
        missing.throwIfAny("kyc_post_schema");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static ApiException customerNotFound(UUID customerId) {
        return ApiException.notFound("customer_dne", "Customer " + customerId + " does not exist.");
    }

    private static ApiException programNotFound(UUID programId) {
        return ApiException.notFound("program_dne", "Program " + programId + " does not exist.");
    }
}
