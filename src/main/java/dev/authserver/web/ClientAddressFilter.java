package dev.authserver.web;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Decides the client address of every request once, before anything counts or records it, and
 * hands it on as {@link HttpServletRequest#getRemoteAddr()} in canonical form. The TCP peer is
 * the client, unless it is one of {@code auth.client.trusted-proxies}: then
 * {@code X-Forwarded-For} is read from the right, past the trusted proxies, to the first address
 * they did not add themselves. An entry that is not an IP address ends the walk at the last
 * trusted hop, so what is stored is always an address.
 */
final class ClientAddressFilter extends OncePerRequestFilter {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddressFilter(ClientProperties properties) {
		this.trustedProxies = properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String client = resolve(request);
		chain.doFilter(client.equals(request.getRemoteAddr()) ? request : new ClientRequest(request, client), response);
	}

	private String resolve(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		InetAddress client = IpAddresses.parse(peer);
		if (client == null) {
			// the container always knows its peer's address; keep what it says
			return peer;
		}
		if (!this.trustedProxies.isEmpty()) {
			List<String> hops = forwardedFor(request);
			for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
				InetAddress hop = IpAddresses.parse(hops.get(i));
				if (hop == null) {
					break;
				}
				client = hop;
			}
		}
		return IpAddresses.format(client);
	}

	private boolean isTrusted(InetAddress address) {
		String text = address.getHostAddress();
		for (IpAddressMatcher proxy : this.trustedProxies) {
			if (proxy.matches(text)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> forwardedFor(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
			for (String hop : header.split(",")) {
				hops.add(hop);
			}
		}
		return hops;
	}

	private static final class ClientRequest extends HttpServletRequestWrapper {

		private final String client;

		ClientRequest(HttpServletRequest request, String client) {
			super(request);
			this.client = client;
		}

		@Override
		public String getRemoteAddr() {
			return this.client;
		}

		@Override
		public String getRemoteHost() {
			return this.client;
		}

	}

}
