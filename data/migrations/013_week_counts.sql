-- Version 13: a commitment kept a number of times a week (dinner at home five days a week) is
-- recorded as one count for the week, not ticked day by day. A count replaces that week's day
-- marks of the commitment, which older versions asked for. times is a number, or for a locked
-- couple that number sealed in place (shape.go): the store checks it, not a CHECK.
-- IF NOT EXISTS: tests that turn a database back to an older schema keep this table.
CREATE TABLE IF NOT EXISTS week_counts (
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    commitment_id  INTEGER NOT NULL REFERENCES commitments(id) ON DELETE CASCADE,
    week           INTEGER NOT NULL CHECK (week >= 1),
    times          NOT NULL,
    PRIMARY KEY (commitment_id, week)
);
CREATE INDEX IF NOT EXISTS week_counts_case ON week_counts(case_id, week);
