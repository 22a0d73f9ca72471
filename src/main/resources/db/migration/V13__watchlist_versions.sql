-- Watchlist versions (SPEC §9, issue 15). Every load that changes a list records a version with
-- the list's files (gzip), so that every instance can serve exactly that version; a load that
-- finds the same content hash records nothing.
CREATE TABLE watchlist_version (
    version_id    UUID PRIMARY KEY,
    list_name     VARCHAR(16) NOT NULL,
    source        VARCHAR(4000) NOT NULL,
    content_hash  VARCHAR(80) NOT NULL,
    entry_count   INTEGER NOT NULL,
    name_count    INTEGER NOT NULL,
    content       BYTEA NOT NULL,
    loaded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX watchlist_version_list ON watchlist_version (list_name, loaded_at);

-- One row per list: the version every instance is to serve. Recording a version locks the row
-- (FOR UPDATE), so two instances that fetch the same new content record it once.
CREATE TABLE watchlist_list (
    list_name           VARCHAR(16) PRIMARY KEY,
    current_version_id  UUID REFERENCES watchlist_version (version_id)
);
INSERT INTO watchlist_list (list_name, current_version_id) VALUES ('SDN', NULL);
INSERT INTO watchlist_list (list_name, current_version_id) VALUES ('CONS', NULL);
