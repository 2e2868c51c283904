// The console's one way to the server, and its session (docs/browser.md).
//
// Browser mode: sign-in, sign-up, refresh and sign-out go to /api/auth/...?mode=cookie with
// X-Requested-With: XMLHttpRequest. The refresh token lives only in the server's HttpOnly
// cookie, which no script can read; the access token lives only in this module's variable,
// never in localStorage, sessionStorage or a cookie, so it is gone when the tab closes and a
// reload restores it with one refresh.

import { decode } from './jwt.js';

const REQUESTED_WITH = { 'X-Requested-With': 'XMLHttpRequest' };

/** A refusal of the server: its status and its problem (RFC 9457), never shown as JSON. */
export class ApiError extends Error {

	constructor(status, problem, headers) {
		super(problem?.detail || problem?.title || `The server answered ${status}`);
		this.status = status;
		this.code = problem?.code ?? null;
		this.title = problem?.title ?? null;
		this.detail = problem?.detail ?? null;
		this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
		this.retryAfter = headers?.get('Retry-After') ?? null;
		this.challenge = headers?.get('WWW-Authenticate') ?? null;
	}

}

const FIELD_NAMES = {
	username: 'Username',
	password: 'Password',
	email: 'Email',
	current_password: 'Current password',
	new_password: 'New password',
	roles: 'Roles',
	enabled: 'Enabled',
	page: 'Page',
	size: 'Page size',
	q: 'Search',
};

/** The seconds a Retry-After asks for, given as seconds or as an HTTP date. */
function retrySeconds(value) {
	if (/^\d+$/.test(value)) {
		return Number(value);
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** What went wrong, in words for the person in front of the console. */
export function describe(error) {
	if (!(error instanceof ApiError)) {
		return 'Something went wrong in the console. Reload the page and try again.';
	}
	if (error.status === 0) {
		return 'The server could not be reached. Check the connection and try again.';
	}
	let text;
	if (error.errors.length > 0) {
		text = error.errors
			.map((problem) => `${FIELD_NAMES[problem.field] ?? problem.field} ${problem.detail}.`)
			.join(' ');
	}
	else {
		text = error.detail || error.title || `The server answered with status ${error.status}.`;
		if (!/[.!?]$/.test(text)) {
			text += '.';
		}
	}
	if (error.status === 429 && error.retryAfter) {
		const seconds = retrySeconds(error.retryAfter);
		if (seconds !== null) {
			text += ` Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
		}
	}
	return text;
}

/** The error_description of an RFC 6750 challenge, if it has one. */
export function challengeDescription(challenge) {
	const match = /error_description="([^"]*)"/.exec(challenge ?? '');
	return match ? match[1] : null;
}

async function refusal(response) {
	let problem = null;
	if ((response.headers.get('Content-Type') ?? '').includes('json')) {
		try {
			problem = await response.json();
		}
		catch {
			problem = null;
		}
	}
	return new ApiError(response.status, problem, response.headers);
}

/**
 * One call: JSON in and out; a bearer token when one is given; the cookie only for the calls
 * of browser mode, which carry X-Requested-With.
 */
export async function send(path, { method = 'GET', body, token, cookie = false } = {}) {
	const headers = { Accept: 'application/json' };
	if (body !== undefined) {
		headers['Content-Type'] = 'application/json';
	}
	if (token) {
		headers.Authorization = `Bearer ${token}`;
	}
	if (cookie) {
		Object.assign(headers, REQUESTED_WITH);
	}
	let response;
	try {
		response = await fetch(path, {
			method,
			headers,
			body: (body === undefined) ? undefined : JSON.stringify(body),
			credentials: cookie ? 'same-origin' : 'omit',
			cache: 'no-store',
		});
	}
	catch {
		throw new ApiError(0, null, null);
	}
	if (!response.ok) {
		throw await refusal(response);
	}
	return (response.status === 204) ? null : response.json();
}

// The session: the access token in memory, who it names, and the timer that renews it.
let accessToken = null;
let who = null;
let renewTimer = 0;
let renewing = null;
const listeners = new Set();

/** Called with the new state whenever the console signs in or out: { signedIn, reason }. */
export function onSessionChange(listener) {
	listeners.add(listener);
}

function notify(reason) {
	for (const listener of listeners) {
		listener({ signedIn: accessToken !== null, reason });
	}
}

/** Who is signed in ({ id, username, roles }), or null. */
export function currentUser() {
	return who;
}

export function isAdmin() {
	return who?.roles?.includes('ADMIN') ?? false;
}

/** The access token, for the inspector's "use my token". */
export function currentAccessToken() {
	return accessToken;
}

function forget(reason) {
	clearTimeout(renewTimer);
	const wasSignedIn = accessToken !== null;
	accessToken = null;
	who = null;
	if (wasSignedIn || reason) {
		notify(reason);
	}
}

/** Renews a little before expiry: a fifth of the lifetime early, at most a minute. */
function scheduleRenewal(expiresIn) {
	clearTimeout(renewTimer);
	const early = Math.min(60, expiresIn / 5);
	const delay = Math.max(1, expiresIn - early) * 1000;
	renewTimer = setTimeout(() => {
		renew().catch(() => {
			// renew() has signed out or scheduled another try
		});
	}, delay);
}

async function adopt(tokens) {
	accessToken = tokens.access_token;
	scheduleRenewal(tokens.expires_in);
	const decoded = decode(accessToken);
	if (decoded.claims) {
		who = {
			id: decoded.claims.sub,
			username: decoded.claims.preferred_username,
			roles: Array.isArray(decoded.claims.roles) ? decoded.claims.roles : [],
		};
	}
	else {
		// an encrypted access token: only the server can read it, so ask it who this is
		who = await send('/api/me', { token: accessToken });
	}
	notify(null);
}

export async function signIn(username, password) {
	await adopt(await send('/api/auth/login?mode=cookie', { method: 'POST', body: { username, password }, cookie: true }));
}

export async function signUp(username, password, email) {
	const body = { username, password };
	if (email) {
		body.email = email;
	}
	await adopt(await send('/api/auth/signup?mode=cookie', { method: 'POST', body, cookie: true }));
}

/**
 * Trades the cookie's refresh token for a new access token (and a new cookie). A refusal
 * (the session ended, or no cookie) signs out; a busy or unreachable server is tried again.
 * Calls made at once share one refresh.
 */
export function renew() {
	if (renewing === null) {
		renewing = (async () => {
			try {
				await adopt(await send('/api/auth/refresh?mode=cookie', { method: 'POST', cookie: true }));
			}
			catch (error) {
				if (error.status === 401 || error.status === 403) {
					forget('Your session has ended. Sign in again.');
				}
				else if (accessToken !== null) {
					const seconds = (error.status === 429 && /^\d+$/.test(error.retryAfter ?? '')) ? Number(error.retryAfter) : 10;
					clearTimeout(renewTimer);
					renewTimer = setTimeout(() => renew().catch(() => {}), seconds * 1000);
				}
				throw error;
			}
			finally {
				renewing = null;
			}
		})();
	}
	return renewing;
}

/** At page load: one refresh, which restores the session when the cookie is still good. */
export async function restore() {
	try {
		await adopt(await send('/api/auth/refresh?mode=cookie', { method: 'POST', cookie: true }));
		return true;
	}
	catch {
		return false;
	}
}

/** Ends this session at the server, which clears the cookie, and forgets the access token. */
export async function signOut(reason) {
	try {
		await send('/api/auth/logout?mode=cookie', { method: 'POST', cookie: true });
	}
	finally {
		forget(reason ?? 'You have signed out.');
	}
}

/**
 * A call with the access token. An access token refused as expired or revoked gets one
 * refresh and one more try; a refresh refused signs out.
 */
export async function call(path, options = {}) {
	if (accessToken === null) {
		throw new ApiError(401, { detail: 'You are not signed in' }, null);
	}
	try {
		return await send(path, { ...options, token: accessToken });
	}
	catch (error) {
		// only a refused token: a wrong current password is 401 too, and is not tried twice
		if (error.status !== 401 || !(error.challenge ?? '').includes('invalid_token')) {
			throw error;
		}
		await renew();
		return send(path, { ...options, token: accessToken });
	}
}
