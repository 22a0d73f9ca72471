-- KYC attempts (SPEC §5), their documents, check results, and idempotency keys (SPEC §6).

CREATE TABLE kyc_attempt (
    kyc_id            UUID PRIMARY KEY,
    brand_id          UUID NOT NULL REFERENCES brand (brand_id),
    customer_id       UUID NOT NULL REFERENCES customer (customer_id),
    program_id        UUID NOT NULL REFERENCES program (program_id),
    status            VARCHAR(30) NOT NULL,
    ip                VARCHAR(64),
    fields            VARCHAR(2000) NOT NULL,
    reasons           VARCHAR(20000) NOT NULL,
    description       VARCHAR(1000),
    -- The evaluator claims a submitted attempt by pushing eval_due_at one evaluation deadline ahead;
    -- an evaluation that dies leaves it due again then (SPEC §5.5).
    eval_due_at       TIMESTAMP WITH TIME ZONE,
    eval_count        INTEGER NOT NULL,
    documents_due_at  TIMESTAMP WITH TIME ZONE,
    passed_at         TIMESTAMP WITH TIME ZONE,
    date_created      TIMESTAMP WITH TIME ZONE NOT NULL,
    date_updated      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX kyc_attempt_customer ON kyc_attempt (customer_id, date_created);
CREATE INDEX kyc_attempt_eval_due ON kyc_attempt (status, eval_due_at);
CREATE INDEX kyc_attempt_documents_due ON kyc_attempt (status, documents_due_at);

CREATE TABLE kyc_document (
    kyc_id          UUID NOT NULL REFERENCES kyc_attempt (kyc_id),
    document_type   VARCHAR(40) NOT NULL,
    status          VARCHAR(20) NOT NULL,
    subtype         VARCHAR(40),
    country         VARCHAR(2),
    date_updated    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kyc_id, document_type)
);

-- Document images, encrypted (SPEC §11.3); never returned by the brand API.
CREATE TABLE kyc_document_file (
    file_id         UUID PRIMARY KEY,
    kyc_id          UUID NOT NULL,
    document_type   VARCHAR(40) NOT NULL,
    side            VARCHAR(10) NOT NULL,
    file_name       VARCHAR(255) NOT NULL,
    content_type    VARCHAR(40) NOT NULL,
    size_bytes      INTEGER NOT NULL,
    content         BYTEA NOT NULL,
    date_created    TIMESTAMP WITH TIME ZONE NOT NULL,
    FOREIGN KEY (kyc_id, document_type) REFERENCES kyc_document (kyc_id, document_type)
);
CREATE INDEX kyc_document_file_doc ON kyc_document_file (kyc_id, document_type);

-- One row per check run by an evaluation (SPEC §8): what ran, what it found, and why.
CREATE TABLE kyc_check_result (
    kyc_id        UUID NOT NULL REFERENCES kyc_attempt (kyc_id),
    check_name    VARCHAR(60) NOT NULL,
    outcome       VARCHAR(20) NOT NULL,
    reason_code   VARCHAR(60),
    evidence      VARCHAR(20000),
    date_created  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX kyc_check_result_attempt ON kyc_check_result (kyc_id);

-- The primary key decides which of N concurrent requests with one key runs (SPEC §6).
CREATE TABLE idempotency_key (
    brand_id         UUID NOT NULL,
    method           VARCHAR(10) NOT NULL,
    path             VARCHAR(500) NOT NULL,
    idem_key         VARCHAR(255) NOT NULL,
    fingerprint      VARCHAR(64) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    response_status  INTEGER,
    response_body    VARCHAR(1000000),
    PRIMARY KEY (brand_id, method, path, idem_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
