-- The event feed for service clients (docs/revocation.md) carries the revocation log. A session
-- ended together with a revocation of all of its user's tokens is covered by that revocation:
-- the feed carries the user's one event, not one per session beside it.
alter table revocations add column covered boolean default false not null;

-- What each service client acknowledged. A row of the log that a client has not acknowledged is
-- in its queue; the acknowledgement goes when the purge removes the row.
create table event_acks (
    seq          bigint not null references revocations (seq) on delete cascade,
    receiver_id  varchar(200) not null,
    primary key (seq, receiver_id)
);
