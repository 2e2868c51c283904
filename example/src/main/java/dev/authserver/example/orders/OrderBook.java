package dev.authserver.example.orders;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** The orders of each user, in memory: every user starts with the same three, numbered for them. */
@Component
class OrderBook {

	private static final List<String> ITEMS = List.of("espresso beans", "milk frother", "ceramic cups");

	private final Map<UUID, List<Order>> orders = new ConcurrentHashMap<>();

	List<Order> of(UUID userId) {
		return this.orders.computeIfAbsent(userId, (id) -> {
			String prefix = id.toString().substring(0, 8);
			return List.of(new Order(prefix + "-1", ITEMS.get(0), 2), new Order(prefix + "-2", ITEMS.get(1), 1),
					new Order(prefix + "-3", ITEMS.get(2), 6));
		});
	}

	Map<UUID, List<Order>> all() {
		return Map.copyOf(this.orders);
	}

}
