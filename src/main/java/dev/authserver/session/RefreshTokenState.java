package dev.authserver.session;

/** Where a refresh token stands. */
enum RefreshTokenState {

	/** The newest token of its session: it may be presented once. */
	ACTIVE,

	/** Presented and rotated; presenting it again is reuse. */
	SPENT,

	/** Its session was ended. */
	REVOKED

}
