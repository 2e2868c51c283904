package dev.authserver.events;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import dev.authserver.oauth.InvalidClientException;
import dev.authserver.oauth.ServiceClients;

/**
 * The event feed (docs/revocation.md): Security Event Tokens delivered by poll (RFC 8936) to
 * service clients, each with its own queue, authenticated with HTTP Basic as for introspection.
 */
@RestController
class EventPollController {

	private final ServiceClients clients;

	private final EventFeed feed;

	EventPollController(ServiceClients clients, EventFeed feed) {
		this.clients = clients;
		this.feed = feed;
	}

	@PostMapping(path = "/api/events/poll", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DeferredResult<ResponseEntity<PollResponse>> poll(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@Valid @RequestBody PollRequest request) {
		String receiver = this.clients.authenticate(authorization).orElseThrow(InvalidClientException::new);
		return this.feed.poll(receiver, request);
	}

}
