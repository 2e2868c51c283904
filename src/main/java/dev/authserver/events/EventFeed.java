package dev.authserver.events;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

import dev.authserver.session.AccessTokenRevocations;

/**
 * Answers polls of the event feed (RFC 8936): acknowledges, then answers with what is pending,
 * or, when nothing is and the receiver asks to wait, holds the poll without a thread until an
 * event arrives or {@code auth.events.max-wait} passes. Every revocation this instance makes
 * or reads from the log wakes the held polls; one thread then reads the queues of their
 * receivers, so a burst of revocations costs a read per held poll, not per revocation.
 */
@Component
class EventFeed implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(EventFeed.class);

	private final EventQueues queues;

	private final SecurityEventTokens tokens;

	private final EventProperties properties;

	private final Clock clock;

	private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();

	private final ExecutorService checker = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "event-feed");
		thread.setDaemon(true);
		return thread;
	});

	/** Whether a check of the held polls is queued and not begun: signals meanwhile join it. */
	private final AtomicBoolean checkQueued = new AtomicBoolean();

	private volatile boolean running;

	EventFeed(EventQueues queues, SecurityEventTokens tokens, EventProperties properties, Clock clock,
			AccessTokenRevocations revocations, MeterRegistry meters) {
		this.queues = queues;
		this.tokens = tokens;
		this.properties = properties;
		this.clock = clock;
		revocations.addListener(this::signal);
		Gauge.builder("auth.events.polls.waiting", this.waiting, Set::size)
			.description("Polls of the event feed held until an event arrives")
			.register(meters);
	}

	/** Acknowledges what the poll names, then answers it now or once an event arrives. */
	DeferredResult<ResponseEntity<PollResponse>> poll(String receiver, PollRequest request) {
		List<String> received = new ArrayList<>();
		if (request.ack() != null) {
			received.addAll(request.ack());
		}
		if (request.setErrs() != null && !request.setErrs().isEmpty()) {
			logger.warn("Service client {} could not process {} events", receiver, request.setErrs().size());
			received.addAll(request.setErrs().keySet());
		}
		this.queues.acknowledge(receiver, received);
		int max = request.effectiveMaxEvents();
		DeferredResult<ResponseEntity<PollResponse>> result = new DeferredResult<>(
				this.properties.maxWait().toMillis(), () -> answer(PollResponse.EMPTY));
		if (max == 0) {
			result.setResult(answer(new PollResponse(Map.of(), this.queues.pending(receiver, 0).moreAvailable())));
			return result;
		}
		EventQueues.Pending pending = this.queues.pending(receiver, max);
		if (!pending.isEmpty() || !request.waits() || !this.running || this.properties.maxWait().isZero()) {
			result.setResult(answer(sign(receiver, pending)));
			return result;
		}
		Waiter waiter = new Waiter(receiver, max, result);
		this.waiting.add(waiter);
		result.onCompletion(() -> this.waiting.remove(waiter));
		// an event may have arrived between the read above and the poll being held
		signal();
		return result;
	}

	/** Looks at the held polls again, soon, on the feed's own thread. */
	void signal() {
		if (!this.waiting.isEmpty() && this.checkQueued.compareAndSet(false, true)) {
			this.checker.execute(() -> {
				this.checkQueued.set(false);
				checkWaiting();
			});
		}
	}

	private void checkWaiting() {
		Map<String, EventQueues.Pending> read = new LinkedHashMap<>();
		for (Waiter waiter : this.waiting) {
			try {
				// polls of one receiver with the same size share a read
				EventQueues.Pending pending = read.computeIfAbsent(waiter.receiver() + "\n" + waiter.max(),
						(key) -> this.queues.pending(waiter.receiver(), waiter.max()));
				if (!pending.isEmpty()) {
					waiter.result().setResult(answer(sign(waiter.receiver(), pending)));
				}
			}
			catch (RuntimeException ex) {
				// the poll stays held and is answered by the next event or its time limit
				logger.warn("Could not read the event queue of {}: {}", waiter.receiver(), ex.getMessage());
				return;
			}
		}
	}

	private PollResponse sign(String receiver, EventQueues.Pending pending) {
		Instant now = this.clock.instant();
		Map<String, String> sets = new LinkedHashMap<>();
		for (RevocationEvent event : pending.events()) {
			sets.put(event.jti(), this.tokens.sign(event, receiver, now));
		}
		return new PollResponse(sets, pending.moreAvailable());
	}

	private static ResponseEntity<PollResponse> answer(PollResponse response) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(response);
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Answers every held poll at once, empty, so that a shutdown does not wait for them. */
	@Override
	public void stop() {
		this.running = false;
		for (Waiter waiter : this.waiting) {
			waiter.result().setResult(answer(PollResponse.EMPTY));
		}
		this.checker.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the web server's graceful shutdown, which would wait for held polls. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}

	/** A poll held until an event arrives. */
	private record Waiter(String receiver, int max, DeferredResult<ResponseEntity<PollResponse>> result) {
	}

}
