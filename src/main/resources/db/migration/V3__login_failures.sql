-- Consecutive failed logins per username, existing or not (docs/security.md). In the
-- database, so that every instance counts the same failures and honours the same lockout.
create table login_failures (
    username_key     varchar(256) primary key,
    failures         integer not null,
    last_failure_at  timestamp with time zone not null,
    locked_until     timestamp with time zone
);

create index ix_login_failures_last_failure on login_failures (last_failure_at);
