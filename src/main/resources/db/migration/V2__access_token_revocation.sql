-- Revocation of access tokens that are already out (docs/sessions.md): every access token
-- of the user issued before not_before is refused. Rows are only inserted, so several
-- instances never fight over one; each instance polls the recent ones into memory.
create table access_token_revocations (
    id          uuid primary key,
    user_id     uuid not null references users (id) on delete cascade,
    not_before  timestamp with time zone not null
);

create index ix_access_token_revocations_user on access_token_revocations (user_id, not_before);
create index ix_access_token_revocations_time on access_token_revocations (not_before);

-- Ended sessions are polled the same way: their access tokens are refused at once.
create index ix_sessions_ended_at on sessions (ended_at);
create index ix_sessions_expires_at on sessions (expires_at);
create index ix_refresh_tokens_expires_at on refresh_tokens (expires_at);
