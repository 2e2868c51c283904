package dev.authserver.example.orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.authserver.verification.AccessTokenClaims;

/**
 * The orders API: a caller's own orders from the token's subject, every user's orders for an
 * administrator, and an open twin of the first for the benchmark, which compares the two.
 */
@RestController
class OrdersController {

	/** Whose orders the open twin answers with: a user of the same shape as any other. */
	private static final UUID BENCH_USER = UUID.fromString("00000000-0000-4000-8000-000000000000");

	private final OrderBook book;

	OrdersController(OrderBook book) {
		this.book = book;
	}

	@GetMapping("/orders")
	Orders mine(@AuthenticationPrincipal AccessTokenClaims caller) {
		return new Orders(caller.userId(), this.book.of(caller.userId()));
	}

	@GetMapping("/orders/all")
	@PreAuthorize("hasRole('ADMIN')")
	Map<UUID, List<Order>> all() {
		return this.book.all();
	}

	/**
	 * The same work and a body of the same size as {@code GET /orders}, with no token: what
	 * verification costs is the difference.
	 */
	@GetMapping("/bench/orders")
	Orders bench() {
		return new Orders(BENCH_USER, this.book.of(BENCH_USER));
	}

	/**
	 * A user's orders.
	 *
	 * @param user the user's id, the token's subject
	 * @param orders the orders
	 */
	record Orders(UUID user, List<Order> orders) {
	}

}
