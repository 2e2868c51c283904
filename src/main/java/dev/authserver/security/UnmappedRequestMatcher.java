package dev.authserver.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Matches a request that no controller maps, so that an unknown path answers 404 rather
 * than asking for a token first. A path that exists with another method still counts as
 * mapped: its 401 comes before its 405.
 */
final class UnmappedRequestMatcher implements RequestMatcher {

	private final HandlerMapping controllers;

	UnmappedRequestMatcher(HandlerMapping controllers) {
		this.controllers = controllers;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
		if (!parsed) {
			ServletRequestPathUtils.parseAndCache(request);
		}
		try {
			return this.controllers.getHandler(request) == null;
		}
		catch (Exception ex) {
			// a method or media type mismatch: the path exists
			return false;
		}
		finally {
			if (!parsed) {
				ServletRequestPathUtils.clearParsedRequestPath(request);
			}
		}
	}

}
