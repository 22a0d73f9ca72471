-- Review cases (SPEC §10): one per attempt that enters under_review (kind 'kyc') and one per
-- potential match raised by ongoing monitoring (kind 'monitoring', SPEC §9). Rows of other
-- packages (attempts, hits, reviewers) are referenced by id only.
CREATE TABLE review_case (
    case_id              UUID PRIMARY KEY,
    brand_id             UUID NOT NULL,
    customer_id          UUID NOT NULL,
    kind                 VARCHAR(20) NOT NULL,
    kyc_id               UUID,
    hit_id               UUID,
    -- ",code1,code2," so that one reason filters with LIKE on every database.
    reason_codes         VARCHAR(2000) NOT NULL,
    reasons              VARCHAR(20000) NOT NULL,
    -- open, pending_approval (four eyes: a first approval waits for a supervisor), closed
    status               VARCHAR(20) NOT NULL,
    assignee_id          UUID,
    assignee_name        VARCHAR(100),
    assigned_at          TIMESTAMP WITH TIME ZONE,
    first_approver_id    UUID,
    first_approver_name  VARCHAR(100),
    first_reason_code    VARCHAR(60),
    first_note           VARCHAR(4000),
    first_approved_at    TIMESTAMP WITH TIME ZONE,
    decision             VARCHAR(30),
    decision_reason_code VARCHAR(60),
    decision_note        VARCHAR(4000),
    decided_by_id        UUID,
    decided_by_name      VARCHAR(100),
    decided_at           TIMESTAMP WITH TIME ZONE,
    -- Optimistic locking: every change adds one; a decision names the version the reviewer saw.
    version              INTEGER NOT NULL,
    opened_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    date_updated         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX review_case_queue ON review_case (status, opened_at, case_id);
CREATE INDEX review_case_brand_queue ON review_case (brand_id, status, opened_at, case_id);
CREATE INDEX review_case_kyc ON review_case (kyc_id);
CREATE INDEX review_case_hit ON review_case (hit_id);
CREATE INDEX review_case_customer ON review_case (customer_id);
