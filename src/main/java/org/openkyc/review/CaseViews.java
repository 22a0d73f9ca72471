package org.openkyc.review;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.openkyc.api.Timestamps;
import org.openkyc.customer.CustomerProfile;
import org.openkyc.kyc.AttemptRecords;

/**
 * What the console's pages and the review API show of a case, as plain maps of snake_case keys:
 * one shape for both (the templates read the same keys the JSON has). The SSN is masked already
 * ({@link CustomerProfile}); document contents are never part of it, only their ids.
 */
final class CaseViews {

    private CaseViews() {
    }

    static Map<String, Object> queueItem(ReviewDesk.QueueItem item) {
        Map<String, Object> out = summary(item.reviewCase());
        out.put("waited_seconds", item.waited().toSeconds());
        out.put("waited", waited(item.waited()));
        return out;
    }

    static Map<String, Object> summary(ReviewCase c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("case_id", c.caseId().toString());
        out.put("brand_id", c.brandId().toString());
        out.put("customer_id", c.customerId().toString());
        out.put("kind", c.kind().wire());
        out.put("kyc_id", text(c.kycId()));
        out.put("reason_codes", c.reasonCodes());
        out.put("reasons", c.reasons().stream().map(r -> Map.of("code", r.code(), "message", r.message())).toList());
        out.put("status", c.status().wire());
        out.put("assignee_id", text(c.assigneeId()));
        out.put("assignee_name", c.assigneeName());
        out.put("first_approval_by", c.firstApproval() == null ? null : c.firstApproval().username());
        out.put("decision", c.outcome() == null ? null : outcome(c.outcome()));
        out.put("version", c.version());
        out.put("opened_at", Timestamps.format(c.openedAt()));
        return out;
    }

    static Map<String, Object> detail(CaseDetail d) {
        Map<String, Object> out = summary(d.reviewCase());
        out.put("waited_seconds", d.waited().toSeconds());
        out.put("waited", waited(d.waited()));
        out.put("customer", d.customer() == null ? null : customer(d.customer()));
        out.put("attempt", d.attempt() == null ? null : attempt(d.attempt()));
        out.put("checks", d.checks().stream().map(CaseViews::check).toList());
        LocalDate dob = d.customer() == null ? null : d.customer().dob();
        out.put("watchlist_candidates", d.candidates().stream().map(c -> candidate(c, dob)).toList());
        out.put("licence", d.licence() == null ? null : licence(d.licence(), d.customer()));
        out.put("duplicate_customer_ids", d.duplicateCustomerIds().stream().map(UUID::toString).toList());
        out.put("duplicate_customers", d.duplicateCustomerIds().stream().map(id -> duplicate(id, d.duplicateCases().get(id))).toList());
        out.put("monitoring_hit", d.hit() == null ? null : hit(d.hit(), dob));
        out.put("documents", d.documents().stream().map(CaseViews::document).toList());
        out.put("timeline", d.timeline().stream().map(CaseViews::step).toList());
        out.put("actions", d.actions().stream().map(CaseViews::action).toList());
        out.put("four_eyes", d.fourEyes());
        out.put("note_required_to_approve", d.noteRequiredToApprove());
        return out;
    }

    static Map<String, Object> audit(AuditEntry e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", e.seq());
        out.put("audit_id", e.auditId().toString());
        out.put("occurred_at", Timestamps.format(e.occurredAt()));
        out.put("reviewer_id", e.reviewerId().toString());
        out.put("reviewer_name", e.reviewerName());
        out.put("client_address", e.clientAddress());
        out.put("action", e.action());
        out.put("brand_id", text(e.brandId()));
        out.put("case_id", text(e.caseId()));
        out.put("customer_id", text(e.customerId()));
        out.put("detail", e.detail());
        return out;
    }

    /** Hours and minutes, as a reviewer reads a queue ("3 d 4 h", "2 h 5 min", "4 min"). */
    static String waited(Duration waited) {
        if (waited.toDays() > 0) {
            return waited.toDays() + " d " + waited.toHoursPart() + " h";
        }
        if (waited.toHours() > 0) {
            return waited.toHours() + " h " + waited.toMinutesPart() + " min";
        }
        return waited.toMinutes() + " min";
    }

    private static Map<String, Object> outcome(ReviewCase.Outcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", o.decision());
        out.put("reason_code", o.reasonCode());
        out.put("note", o.note());
        out.put("reviewer_name", o.username());
        out.put("at", Timestamps.format(o.at()));
        return out;
    }

    private static Map<String, Object> customer(CustomerProfile p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer_id", p.customerId().toString());
        out.put("first_name", p.firstName());
        out.put("middle_name", p.middleName());
        out.put("last_name", p.lastName());
        out.put("dob", p.dob() == null ? null : p.dob().toString());
        out.put("ssn", p.maskedSsn());
        out.put("phone", p.phone());
        out.put("phone_country_code", p.phoneCountryCode());
        out.put("email", p.email());
        out.put("kyc_status", p.kycStatus());
        List<Map<String, Object>> addresses = new ArrayList<>();
        for (var a : p.addresses()) {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("address_type", a.addressType());
            address.put("street", a.street());
            address.put("street2", a.street2());
            address.put("city", a.city());
            address.put("state", a.state());
            address.put("zip_code", a.zipCode());
            address.put("country", a.country());
            address.put("is_primary", a.primary());
            addresses.add(address);
        }
        out.put("addresses", addresses);
        return out;
    }

    private static Map<String, Object> attempt(AttemptRecords.Attempt a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kyc_id", a.kycId().toString());
        out.put("kyc_status", a.status());
        out.put("program_id", a.programId().toString());
        out.put("reasons", a.reasons().stream().map(r -> Map.of("code", r.code(), "message", r.message())).toList());
        out.put("fields", a.fields());
        out.put("date_created", Timestamps.format(a.dateCreated()));
        return out;
    }

    private static Map<String, Object> check(AttemptRecords.CheckRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("check", r.check());
        out.put("outcome", r.outcome());
        out.put("reason_code", r.reasonCode());
        out.put("evidence", withoutSeal(r.evidence()));
        out.put("at", Timestamps.format(r.at()));
        return out;
    }

    /** The sealed licence fields are opened into the licence view; their ciphertext says nothing to a reader. */
    private static Map<String, Object> withoutSeal(Map<String, Object> evidence) {
        if (evidence == null || !evidence.containsKey(Evidence.LICENCE_SEALED)) {
            return evidence;
        }
        Map<String, Object> copy = new LinkedHashMap<>(evidence);
        copy.remove(Evidence.LICENCE_SEALED);
        return copy;
    }

    private static Map<String, Object> duplicate(UUID customerId, UUID caseId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("customer_id", customerId.toString());
        out.put("case_id", text(caseId));
        return out;
    }

    private static Map<String, Object> candidate(CaseDetail.Candidate c, LocalDate customerDob) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("list", c.list());
        out.put("entry_id", c.entryId());
        out.put("primary_name", c.primaryName());
        out.put("matched_name", c.matchedName());
        out.put("matched_as", c.matchedAs());
        out.put("score", c.score());
        out.put("type", c.type());
        out.put("programs", c.programs());
        out.put("dates_of_birth", c.datesOfBirth());
        out.put("dob_agreement", wire(Evidence.dobAgreement(c.datesOfBirth(), customerDob)));
        out.put("nationalities", c.nationalities());
        out.put("reason", c.reason());
        return out;
    }

    private static Map<String, Object> licence(CaseDetail.Licence l, CustomerProfile customer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fields", l.fields());
        out.put("mismatches", l.mismatches());
        out.put("notes", l.notes());
        out.put("compared", l.decoded() == null ? List.of() : LicenceRows.of(l, customer));
        return out;
    }

    private static Map<String, Object> hit(org.openkyc.screening.WatchlistHits.Hit h, LocalDate customerDob) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("hit_id", h.hitId().toString());
        out.put("list", h.list());
        out.put("entry_id", h.entryId());
        out.put("primary_name", h.primaryName());
        out.put("matched_name", h.matchedName());
        out.put("entry_type", h.entryType());
        out.put("programs", h.programs());
        out.put("dates_of_birth", h.datesOfBirth());
        out.put("dob_agreement", wire(Evidence.dobAgreement(h.datesOfBirth(), customerDob)));
        out.put("score", h.score());
        out.put("explanation", h.explanation());
        out.put("status", h.status());
        return out;
    }

    private static Map<String, Object> document(AttemptRecords.DocumentFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file_id", f.fileId().toString());
        out.put("document_type", f.documentType());
        out.put("subtype", f.subtype());
        out.put("side", f.side());
        out.put("content_type", f.contentType());
        out.put("size_bytes", f.sizeBytes());
        out.put("uploaded_at", Timestamps.format(f.uploadedAt()));
        return out;
    }

    private static Map<String, Object> step(CaseDetail.TimelineEntry t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", Timestamps.format(t.at()));
        out.put("what", t.what());
        out.put("who", t.who());
        out.put("detail", t.detail());
        return out;
    }

    private static Map<String, Object> action(Decision.Action a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", a.wire());
        out.put("kyc_status", a.kycStatus());
        out.put("reason_codes", a.reasonCodes());
        return out;
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }
}
