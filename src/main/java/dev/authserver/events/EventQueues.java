package dev.authserver.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.authserver.token.JwtProperties;

/**
 * The queue of each service client, kept in the database so that every instance serves the
 * same one (docs/revocation.md): the rows of the revocation log that can still matter and that
 * the client has not acknowledged. Nothing is copied per client; an acknowledgement is one row.
 * A row matters while a token it revokes can still be live: the access-token lifetime plus the
 * clock skew after it was made.
 */
@Component
class EventQueues {

	/** Acknowledgements written per statement. */
	private static final int ACKS_PER_STATEMENT = 500;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration relevance;

	EventQueues(JdbcClient jdbc, JwtProperties jwt, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.relevance = jwt.accessTokenTtl().plus(jwt.clockSkew());
	}

	/** Up to {@code max} events the receiver has not acknowledged, oldest first. */
	Pending pending(String receiver, int max) {
		Timestamp since = Timestamp.from(this.clock.instant().minus(this.relevance));
		List<RevocationEvent> events = this.jdbc.sql("select r.seq, r.user_id, r.session_id, r.revoked_at "
				+ "from revocations r where r.covered = false and r.revoked_at > ? and not exists "
				+ "(select 1 from event_acks a where a.seq = r.seq and a.receiver_id = ?) "
				+ "order by r.seq fetch first ? rows only")
			.params(since, receiver, max + 1)
			.query((row, index) -> new RevocationEvent(row.getLong(1), row.getObject(2, UUID.class),
					row.getObject(3, UUID.class), row.getTimestamp(4).toInstant()))
			.list();
		boolean more = events.size() > max;
		return new Pending(more ? events.subList(0, max) : events, more);
	}

	/**
	 * Records that the receiver has the events of these {@code jti}s; any other text, and events
	 * purged already, are passed over (RFC 8936 section 2.4 asks nothing else of them).
	 */
	void acknowledge(String receiver, Collection<String> jtis) {
		TreeSet<Long> numbers = new TreeSet<>();
		for (String jti : jtis) {
			long seq = RevocationEvent.seqOf(jti);
			if (seq >= 0) {
				numbers.add(seq);
			}
		}
		List<Long> all = new ArrayList<>(numbers);
		for (int from = 0; from < all.size(); from += ACKS_PER_STATEMENT) {
			List<Long> chunk = all.subList(from, Math.min(all.size(), from + ACKS_PER_STATEMENT));
			try {
				insertAcks(receiver, chunk);
			}
			catch (DuplicateKeyException ex) {
				// the same receiver acknowledged some of these at once elsewhere: one at a time
				for (Long seq : chunk) {
					try {
						insertAcks(receiver, List.of(seq));
					}
					catch (DuplicateKeyException alreadyThere) {
						// acknowledged already: nothing to do
					}
				}
			}
		}
	}

	private void insertAcks(String receiver, List<Long> seqs) {
		String marks = String.join(", ", java.util.Collections.nCopies(seqs.size(), "?"));
		List<Object> params = new ArrayList<>();
		params.add(receiver);
		params.addAll(seqs);
		params.add(receiver);
		this.jdbc.sql("insert into event_acks (seq, receiver_id) select r.seq, ? from revocations r "
				+ "where r.seq in (" + marks + ") and not exists "
				+ "(select 1 from event_acks a where a.seq = r.seq and a.receiver_id = ?)")
			.params(params)
			.update();
	}

	/**
	 * Events of a receiver's queue, and whether more wait beyond them.
	 *
	 * @param events oldest first
	 * @param moreAvailable whether the queue holds more than these
	 */
	record Pending(List<RevocationEvent> events, boolean moreAvailable) {

		boolean isEmpty() {
			return this.events.isEmpty();
		}

	}

}
