-- Ongoing watchlist monitoring (SPEC §9).

-- What monitoring last screened the customers against: one fingerprint per list entry, over what
-- matching reads (type, names, aliases, DOBs). A new load is compared with it entry by entry, and
-- only the entries added or changed are screened.
CREATE TABLE watchlist_monitored_entry (
    entry_id     VARCHAR(40) PRIMARY KEY,
    fingerprint  VARCHAR(32) NOT NULL
);

-- One re-screen per change of the lists, from the state above (from_digest) to the lists now in
-- service (to_digest), shared by every instance: claimed with a lease, resumed after a kill from
-- after_customer (customers are taken in id order).
CREATE TABLE watchlist_monitoring_run (
    run_key         VARCHAR(80) PRIMARY KEY,
    list_versions   VARCHAR(400),
    entries         INTEGER NOT NULL,
    after_customer  UUID NOT NULL,
    screened        BIGINT NOT NULL,
    raised          INTEGER NOT NULL,
    lease_until     TIMESTAMP WITH TIME ZONE,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    done_at         TIMESTAMP WITH TIME ZONE
);

-- A potential match found by monitoring: raised once per customer and entry, whatever a reviewer
-- later decides (dismissed: never raised again; confirmed: the brand was told).
CREATE TABLE watchlist_hit (
    hit_id         UUID PRIMARY KEY,
    brand_id       UUID NOT NULL REFERENCES brand (brand_id),
    customer_id    UUID NOT NULL REFERENCES customer (customer_id),
    list           VARCHAR(10) NOT NULL,
    entry_id       VARCHAR(40) NOT NULL,
    list_version   VARCHAR(40),
    primary_name   VARCHAR(1000) NOT NULL,
    matched_name   VARCHAR(1000) NOT NULL,
    matched_as     VARCHAR(30) NOT NULL,
    entry          VARCHAR(8000) NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    explanation    VARCHAR(4000) NOT NULL,
    status         VARCHAR(20) NOT NULL,
    raised_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT watchlist_hit_once UNIQUE (customer_id, entry_id)
);
CREATE INDEX watchlist_hit_brand ON watchlist_hit (brand_id, status, raised_at);
