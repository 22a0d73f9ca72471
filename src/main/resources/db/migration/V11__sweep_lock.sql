-- One row per periodic sweep that every instance runs (db.SweepLock): a round first claims the
-- row, so one instance does each round. held_until bounds the claim of a holder that died; holder
-- names the instance (and its claim) that did the last round.
CREATE TABLE sweep_lock (
    name        VARCHAR(60) PRIMARY KEY,
    held_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    holder      VARCHAR(200) NOT NULL
);
