// Reads a compact JWT without checking it: the header and claims of a JWS, the header alone of
// a JWE (RFC 7516), whose claims only the server can read. Whether a token is good is the
// server's to say; the inspector asks it.

function base64url(segment) {
	if (!/^[A-Za-z0-9_-]*$/.test(segment)) {
		throw new Error('holds characters that base64url does not use');
	}
	const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
	const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
	let binary;
	try {
		binary = atob(padded);
	}
	catch {
		throw new Error('is not valid base64url');
	}
	return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

function json(segment, what) {
	let bytes;
	try {
		bytes = base64url(segment);
	}
	catch (error) {
		throw new Error(`The ${what} ${error.message}.`);
	}
	let text;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	}
	catch {
		throw new Error(`The ${what} is not UTF-8 text.`);
	}
	let value;
	try {
		value = JSON.parse(text);
	}
	catch {
		throw new Error(`The ${what} is not JSON.`);
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw new Error(`The ${what} is not a JSON object.`);
	}
	return value;
}

/**
 * The parts of a token: { kind: 'JWS' | 'JWE', header, claims } with claims null for a JWE.
 * Throws an Error whose message says in words why the text is not a JWT.
 */
export function decode(token) {
	const parts = token.trim().split('.');
	if (parts.length === 3) {
		return { kind: 'JWS', header: json(parts[0], 'header'), claims: json(parts[1], 'payload') };
	}
	if (parts.length === 5) {
		return { kind: 'JWE', header: json(parts[0], 'header'), claims: null };
	}
	throw new Error(`This is not a compact JWT: it has ${parts.length} ${parts.length === 1 ? 'part' : 'parts'} `
		+ 'separated by dots, where a signed token has 3 and an encrypted one 5.');
}
