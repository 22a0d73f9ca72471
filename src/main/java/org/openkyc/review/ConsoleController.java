package org.openkyc.review;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkyc.api.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The console's pages for people (issue 17): server-rendered, every action a plain form (so it
 * works without JavaScript); htmx only swaps a queue row after a claim. The work is the
 * {@link ReviewDesk}'s; refusals it gives ({@link ApiException}) are shown on the page they came from.
 */
@Hidden
@Controller
class ConsoleController {

    /** The documents a reviewer can ask for (SPEC §5.4). */
    static final List<String> DOCUMENT_TYPES = List.of("government_id", "proof_of_address", "social_security_card");

    static final String LOGIN_REFUSED = "Wrong username or password, or the account is locked for a while after "
            + ReviewerLogin.FAILURES_BEFORE_LOCK + " failed logins in a row. Try again later, or ask the operator.";

    private final ReviewDesk desk;
    private final Reviewers reviewers;
    private final java.time.Clock clock;

    ConsoleController(ReviewDesk desk, Reviewers reviewers, java.time.Clock clock) {
        this.desk = desk;
        this.reviewers = reviewers;
        this.clock = clock;
    }

    @GetMapping("/console/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String expired,
                 @RequestParam(required = false) String logout, Model model) {
        // One message for every refused login, a locked account's too: another would tell that the username exists.
        String message = error != null ? LOGIN_REFUSED
                : expired != null ? "Your session ended. Please sign in again."
                : logout != null ? "You are signed out." : null;
        model.addAttribute("message", message);
        model.addAttribute("problem", error != null);
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String queue(@AuthenticationPrincipal ReviewerPrincipal me, @RequestParam Map<String, String> query, Model model,
                 HttpServletResponse response) {
        model.addAttribute("me", me);
        model.addAttribute("query", query);
        QueueFilter filter;
        try {
            filter = ReviewRequests.queue(me, query.get("brand_id"), query.get("customer_id"), query.get("reason"), query.get("kind"),
                    query.get("min_age_minutes"), query.get("max_age_minutes"), query.get("assignee"), query.get("page"), query.get("per_page"));
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.envelope().message());
            filter = QueueFilter.all();
        }
        ReviewDesk.QueuePage page = desk.queue(me.reviewer(), filter);
        model.addAttribute("cases", page.items().stream().map(CaseViews::queueItem).toList());
        pages(model, "/console", query, page.page(), page.more());
        return "console/queue";
    }

    @GetMapping("/console/next")
    String next(@AuthenticationPrincipal ReviewerPrincipal me, RedirectAttributes flash) {
        var next = desk.next(me.reviewer());
        if (next.isEmpty()) {
            flash.addFlashAttribute("notice", "No case is waiting for you.");
            return "redirect:/console";
        }
        return "redirect:/console/cases/" + next.get().reviewCase().caseId();
    }

    @GetMapping("/console/cases/{caseId}")
    String viewCase(@AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId, Model model, HttpServletRequest request,
                    HttpServletResponse response) {
        return casePage(me, caseId, model, request, response, null);
    }

    @GetMapping("/console/cases/{caseId}/documents/{fileId}")
    ResponseEntity<byte[]> document(@AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId, @PathVariable String fileId,
                                    HttpServletRequest request) {
        var image = desk.document(me.reviewer(), caseUuid(caseId), documentUuid(fileId), ClientAddress.of(request));
        // Decrypted for this view only: no cache anywhere may keep it.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                .header("Content-Disposition", "inline").contentType(MediaType.parseMediaType(image.contentType())).body(image.content());
    }

    @PostMapping("/console/cases/{caseId}/claim")
    String claim(@AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId, @RequestParam(required = false) String version,
                 @RequestParam(required = false) String back, HttpServletRequest request, Model model, RedirectAttributes flash,
                 HttpServletResponse response) {
        try {
            ReviewCase claimed = desk.claim(me.reviewer(), caseUuid(caseId), ReviewRequests.version(version), ClientAddress.of(request));
            if ("true".equals(request.getHeader("HX-Request"))) {
                // The row fragment iterates over "cases": here the one row that changed.
                model.addAttribute("cases", List.of(CaseViews.queueItem(new ReviewDesk.QueueItem(claimed, claimed.waited(clock.instant())))));
                model.addAttribute("me", me);
                return "console/queue :: row";
            }
            flash.addFlashAttribute("notice", "You claimed this case.");
        } catch (ApiException e) {
            if ("true".equals(request.getHeader("HX-Request"))) {
                response.setStatus(e.status().value());
                model.addAttribute("error", e.envelope().message());
                return "console/problem :: row";
            }
            flash.addFlashAttribute("error", e.envelope().message());
        }
        return "queue".equals(back) ? "redirect:/console" : "redirect:/console/cases/" + caseUuid(caseId);
    }

    @PostMapping("/console/cases/{caseId}/release")
    String release(@AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId, @RequestParam(required = false) String version,
                   HttpServletRequest request, RedirectAttributes flash) {
        try {
            desk.release(me.reviewer(), caseUuid(caseId), ReviewRequests.version(version), ClientAddress.of(request));
            flash.addFlashAttribute("notice", "The case is back in the queue.");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.envelope().message());
        }
        return "redirect:/console/cases/" + caseUuid(caseId);
    }

    @PostMapping("/console/cases/{caseId}/assign")
    String assign(@AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId, @RequestParam(required = false) String version,
                  @RequestParam(name = "assignee_id", required = false) String assigneeId, HttpServletRequest request, RedirectAttributes flash) {
        try {
            UUID assignee = ReviewRequests.uuid("assignee_id", assigneeId);
            ReviewCase assigned = desk.assignTo(me.reviewer(), caseUuid(caseId), ReviewRequests.version(version), assignee,
                    ClientAddress.of(request));
            flash.addFlashAttribute("notice", assignee == null ? "The case is back in the queue." : "Assigned to " + assigned.assigneeName() + ".");
        } catch (ApiException e) {
            flash.addFlashAttribute("error", e.envelope().message());
        }
        return "redirect:/console/cases/" + caseUuid(caseId);
    }

    @PostMapping("/console/cases/{caseId}/decision")
    String decide(@AuthenticationPrincipal ReviewerPrincipal me, @PathVariable String caseId, @RequestParam(required = false) String version,
                  @RequestParam(required = false) String action, @RequestParam(name = "reason_code", required = false) String reasonCode,
                  @RequestParam(required = false) String note, @RequestParam(required = false) List<String> documents,
                  HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes flash) {
        UUID id = caseUuid(caseId);
        try {
            Decision decision = ReviewRequests.decision(action, reasonCode, note, documents);
            ReviewDesk.Decided decided = desk.decide(me.reviewer(), id, ReviewRequests.version(version), decision, ClientAddress.of(request));
            flash.addFlashAttribute("notice", decided.awaitingSecondApproval()
                    ? "First approval recorded. A supervisor other than you must approve it too (four eyes)."
                    : "Decided: " + decision.action().wire() + (decided.kycStatus() == null ? "." : "; the attempt is now " + decided.kycStatus() + "."));
            return "redirect:/console/cases/" + id;
        } catch (ApiException e) {
            return casePage(me, caseId, model, request, response, e);
        }
    }

    @GetMapping("/console/audit")
    String audit(@AuthenticationPrincipal ReviewerPrincipal me, @RequestParam Map<String, String> query, Model model, HttpServletResponse response) {
        model.addAttribute("me", me);
        model.addAttribute("query", query);
        AuditFilter filter;
        try {
            filter = auditFilter(query);
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.envelope().message());
            filter = AuditFilter.all();
        }
        ReviewDesk.AuditPage page = desk.audit(me.reviewer(), filter);
        model.addAttribute("entries", page.entries().stream().map(CaseViews::audit).toList());
        pages(model, "/console/audit", query, page.page(), page.more());
        return "console/audit";
    }

    @GetMapping("/console/audit.csv")
    void exportAudit(@AuthenticationPrincipal ReviewerPrincipal me, @RequestParam Map<String, String> query, HttpServletRequest request,
                     HttpServletResponse response) throws IOException {
        AuditFilter filter = auditFilter(query);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"openkyc-audit.csv\"");
        response.setHeader("Cache-Control", "no-store");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        desk.exportAudit(me.reviewer(), filter, out, ClientAddress.of(request));
        out.flush();
    }

    /** The page number and the links to the pages either side, each keeping every filter the page was asked with. */
    private static void pages(Model model, String path, Map<String, String> query, int page, boolean more) {
        model.addAttribute("page", page);
        model.addAttribute("more", more);
        model.addAttribute("previousUrl", page > 1 ? pageUrl(path, query, page - 1) : null);
        model.addAttribute("nextUrl", more ? pageUrl(path, query, page + 1) : null);
    }

    static String pageUrl(String path, Map<String, String> query, int page) {
        StringBuilder url = new StringBuilder(path).append('?');
        query.forEach((name, value) -> {
            if (!"page".equals(name) && value != null && !value.isBlank()) {
                url.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        return url.append("page=").append(page).toString();
    }

    private static AuditFilter auditFilter(Map<String, String> query) {
        return ReviewRequests.audit(query.get("brand_id"), query.get("case_id"), query.get("reviewer_id"), query.get("action"),
                query.get("from"), query.get("to"), query.get("page"), query.get("per_page"));
    }

    /** The case page; with {@code refused}, the decision that was refused and why, under its status. */
    private String casePage(ReviewerPrincipal me, String caseId, Model model, HttpServletRequest request, HttpServletResponse response,
                            ApiException refused) {
        model.addAttribute("me", me);
        CaseDetail detail;
        try {
            detail = desk.view(me.reviewer(), caseUuid(caseId), ClientAddress.of(request));
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("error", e.envelope().message());
            return "console/error";
        }
        if (refused != null) {
            response.setStatus(refused.status().value());
            model.addAttribute("error", refused.envelope().message());
        }
        model.addAttribute("c", CaseViews.detail(detail));
        model.addAttribute("documentTypes", DOCUMENT_TYPES);
        model.addAttribute("assignable", me.supervisor() ? assignable(detail.reviewCase().brandId()) : List.of());
        return "console/case";
    }

    /** Active accounts that see this brand: whom a supervisor may assign its case to. */
    private List<Reviewers.Account> assignable(UUID brandId) {
        return reviewers.all().stream().filter(Reviewers.Account::active)
                .filter(a -> a.brandId() == null || a.brandId().equals(brandId)).toList();
    }

    private static UUID caseUuid(String value) {
        try {
            return ReviewRequests.uuid("case_id", value);
        } catch (ApiException e) {
            throw ApiException.notFound("case_dne", "Case " + value + " does not exist.");
        }
    }

    private static UUID documentUuid(String value) {
        try {
            return ReviewRequests.uuid("file_id", value);
        } catch (ApiException e) {
            throw ApiException.notFound("document_dne", "Document " + value + " does not exist.");
        }
    }
}
