-- Blind indexes written before the BlindIndex thread-safety fix may be wrong (a shared Mac produced
-- wrong HMACs under load). customer.SsnIndexRepair recomputes every existing row's ssn_bidx from
-- its encrypted SSN once: rows already here start unverified, rows written from now on (by code
-- that computes the index correctly) start verified. The job marks itself done in maintenance_done.
ALTER TABLE customer ADD COLUMN ssn_bidx_verified BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE customer ALTER COLUMN ssn_bidx_verified SET DEFAULT TRUE;

CREATE TABLE maintenance_done (
    job      VARCHAR(60) PRIMARY KEY,
    done_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
