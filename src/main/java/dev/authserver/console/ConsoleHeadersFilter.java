package dev.authserver.console;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's Content-Security-Policy: scripts, styles, images and calls from this server
 * only, no inline script or style, no framing, no {@code <base>}, forms posted here only; so
 * text an attacker slips into the page cannot run (docs/browser.md).
 */
final class ConsoleHeadersFilter extends OncePerRequestFilter {

	static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", POLICY);
		chain.doFilter(request, response);
	}

}
