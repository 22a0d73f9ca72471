-- Reviewer accounts for the review console and its API twin (issue 17, SPEC §10): people, not
-- brands. Their own table; passwords as bcrypt hashes; brand_id NULL means every brand.
CREATE TABLE reviewer (
    reviewer_id      UUID PRIMARY KEY,
    username         VARCHAR(100) NOT NULL,
    password_bcrypt  VARCHAR(100) NOT NULL,
    role             VARCHAR(20) NOT NULL,
    brand_id         UUID REFERENCES brand (brand_id),
    active           BOOLEAN NOT NULL,
    -- Consecutive failed logins; the fifth locks the account until locked_until.
    failed_logins    INTEGER NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE,
    date_created     TIMESTAMP WITH TIME ZONE NOT NULL,
    date_updated     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT reviewer_username UNIQUE (username)
);

-- Bearer tokens for scripts on /api/v0.1/review: the secret is kept only as its SHA-256 (it is
-- 32 random bytes, so no slow hash is needed), looked up by the token id it carries.
CREATE TABLE reviewer_token (
    token_id        UUID PRIMARY KEY,
    reviewer_id     UUID NOT NULL REFERENCES reviewer (reviewer_id),
    name            VARCHAR(200) NOT NULL,
    secret_sha256   VARCHAR(64) NOT NULL,
    active          BOOLEAN NOT NULL,
    date_created    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX reviewer_token_reviewer ON reviewer_token (reviewer_id);
