-- One schema for H2 and PostgreSQL: only types and syntax both understand.

create table users (
    id             uuid primary key,
    username       varchar(64)  not null,
    -- the username in lower case: uniqueness without regard to case on every database
    username_key   varchar(64)  not null,
    email          varchar(320),
    password_hash  varchar(255) not null,
    enabled        boolean      not null,
    created_at     timestamp with time zone not null,
    constraint uk_users_username_key unique (username_key)
);

create table user_roles (
    user_id  uuid        not null references users (id) on delete cascade,
    role     varchar(32) not null,
    primary key (user_id, role)
);

create index ix_user_roles_role on user_roles (role);

-- A session is one chain of refresh tokens, started at signup or login.
create table sessions (
    id            uuid primary key,
    user_id       uuid not null references users (id) on delete cascade,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    ended_at      timestamp with time zone,
    user_agent    varchar(512),
    client_ip     varchar(64)
);

create index ix_sessions_user on sessions (user_id);

-- Each refresh token's state; never the token itself.
create table refresh_tokens (
    jti         varchar(32) primary key,
    session_id  uuid        not null references sessions (id) on delete cascade,
    state       varchar(16) not null,
    issued_at   timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    spent_at    timestamp with time zone,
    next_jti    varchar(32)
);

create index ix_refresh_tokens_session on refresh_tokens (session_id);
