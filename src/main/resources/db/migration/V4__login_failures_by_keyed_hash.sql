-- Failed-login counts keyed by a keyed hash of the normalised username, never the text typed
-- (it may be a mistyped password). The counts are short-lived; the old rows are dropped.
drop table login_failures;

create table login_failures (
    username_key     varchar(64) primary key,
    -- password tries counted since the last success or lock, those still under way included
    failures         integer not null,
    last_attempt_at  timestamp with time zone not null,
    locked_until     timestamp with time zone
);

create index ix_login_failures_last_attempt on login_failures (last_attempt_at);
