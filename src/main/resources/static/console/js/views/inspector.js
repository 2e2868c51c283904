// The token inspector: a pasted token's header and claims laid out, its times as dates with a
// live countdown to expiry, and whether this server accepts it, asked of GET /api/me with the
// token as the bearer (no cookie goes with it).

import { challengeDescription, currentAccessToken, send } from '../api.js';
import { duration, field, h, time } from '../dom.js';
import { decode } from '../jwt.js';

const HEADER_NAMES = {
	alg: 'algorithm',
	typ: 'type',
	kid: 'key id',
	cty: 'content type',
	enc: 'encryption',
	zip: 'compression',
	crit: 'critical extensions',
	jku: 'key set URL',
	jwk: 'key',
	x5u: 'certificate URL',
	x5c: 'certificate chain',
};

const CLAIM_NAMES = {
	iss: 'issuer',
	sub: 'subject (user id)',
	aud: 'audience',
	exp: 'expires',
	nbf: 'not before',
	iat: 'issued at',
	jti: 'token id',
	preferred_username: 'username',
	roles: 'roles',
	sid: 'session',
	scope: 'scope',
	client_id: 'client',
	auth_time: 'authenticated at',
};

const TIMES = new Set(['exp', 'nbf', 'iat', 'auth_time']);

function value(name, raw) {
	if (TIMES.has(name) && typeof raw === 'number') {
		return [time(new Date(raw * 1000)), ` (${raw})`];
	}
	if (Array.isArray(raw) && raw.every((item) => typeof item !== 'object' || item === null)) {
		return raw.length === 0 ? h('span', { class: 'empty' }, 'none') : raw.join(', ');
	}
	if (raw !== null && typeof raw === 'object') {
		return h('code', {}, JSON.stringify(raw));
	}
	return String(raw);
}

function list(id, object, names) {
	return h('dl', { class: 'claims', id },
		Object.entries(object).map(([name, raw]) => [
			h('dt', {}, name, names[name] ? h('span', { class: 'claim-name' }, names[name]) : null),
			h('dd', { 'data-claim': name }, value(name, raw)),
		]));
}

export function inspectorPage(main) {
	const input = h('textarea', { id: 'token-input', name: 'token', rows: '6', spellcheck: 'false',
		autocomplete: 'off', autocapitalize: 'none', placeholder: 'eyJ…' });
	const inspect = h('button', { type: 'submit', class: 'button', id: 'inspect' }, 'Inspect');
	const mine = currentAccessToken()
		? h('button', { type: 'button', class: 'button button-quiet', id: 'use-my-token' }, 'Use my access token')
		: null;
	const results = h('div', { id: 'inspection' });
	let ticker = 0;

	const form = h('form', { class: 'panel', id: 'inspector-form', 'aria-labelledby': 'inspector-title' },
		field('Token', input, 'A compact JWT: three parts separated by dots, or five for an encrypted one. '
			+ 'It is decoded in this page; only this server sees it, to say whether it accepts it.'),
		h('div', { class: 'actions' }, inspect, mine));

	function countdown(claims, line) {
		const tick = () => {
			const now = Date.now();
			const parts = [];
			if (typeof claims.exp === 'number') {
				const left = claims.exp * 1000 - now;
				parts.push(left > 0 ? `Expires in ${duration(left)}.` : `Expired ${duration(left)} ago.`);
			}
			else {
				parts.push('It has no expiry (exp).');
			}
			if (typeof claims.nbf === 'number' && claims.nbf * 1000 > now) {
				parts.push(`Not valid for another ${duration(claims.nbf * 1000 - now)}.`);
			}
			line.textContent = parts.join(' ');
		};
		tick();
		ticker = setInterval(tick, 1000);
	}

	async function verdict(token, line) {
		line.textContent = 'Asking the server…';
		line.dataset.verdict = 'pending';
		const show = (kind, text) => {
			line.textContent = text;
			line.dataset.verdict = kind;
			line.className = `verdict verdict-${kind}`;
		};
		// a header carries visible ASCII only; fetch would refuse anything else before sending
		if (!/^[\x21-\x7e]+$/.test(token)) {
			show('refused', 'Refused: a token holds only visible ASCII characters, which this text does not.');
			return;
		}
		try {
			const me = await send('/api/me', { token });
			show('accepted', `Accepted: this server accepts the token, for ${me.username}`
				+ ` with the roles ${me.roles.join(', ') || 'none'}.`);
		}
		catch (error) {
			if (error.status === 0) {
				show('unknown', 'The server could not be reached, so it could not say.');
				return;
			}
			const reason = challengeDescription(error.challenge) ?? error.detail ?? error.title ?? `status ${error.status}`;
			show('refused', `Refused: ${reason.replace(/\.$/, '')}.`);
		}
	}

	function show(text) {
		clearInterval(ticker);
		const token = text.trim();
		if (token === '') {
			results.replaceChildren(h('p', { class: 'message message-error', role: 'alert' }, 'Paste a token first.'));
			return;
		}
		let decoded;
		try {
			decoded = decode(token);
		}
		catch (error) {
			results.replaceChildren(h('p', { class: 'message message-error', role: 'alert', id: 'decode-error' },
				error.message));
			return;
		}
		const verdictLine = h('p', { class: 'verdict', id: 'verdict', role: 'status' });
		const expiry = h('p', { class: 'countdown', id: 'countdown' });
		const claims = decoded.claims
			? list('token-claims', decoded.claims, CLAIM_NAMES)
			: h('p', { id: 'claims-encrypted' }, `The claims are encrypted (JWE, ${decoded.header.enc ?? 'unknown encryption'}): `
				+ 'only the server that holds the key can read them.');
		results.replaceChildren(
			h('section', { class: 'panel', 'aria-labelledby': 'verdict-title' },
				h('h2', { id: 'verdict-title' }, 'This server\'s verdict'), verdictLine,
				decoded.claims ? expiry : null),
			h('div', { class: 'decoded' },
				h('section', { class: 'panel', 'aria-labelledby': 'header-title' },
					h('h2', { id: 'header-title' }, `Header (${decoded.kind})`),
					list('token-header', decoded.header, HEADER_NAMES)),
				h('section', { class: 'panel', 'aria-labelledby': 'claims-title' },
					h('h2', { id: 'claims-title' }, 'Claims'), claims)));
		if (decoded.claims) {
			countdown(decoded.claims, expiry);
		}
		verdict(token, verdictLine);
	}

	form.addEventListener('submit', (event) => {
		event.preventDefault();
		show(input.value);
	});
	mine?.addEventListener('click', () => {
		input.value = currentAccessToken() ?? '';
		show(input.value);
	});

	main.append(
		h('h1', { id: 'inspector-title', tabindex: '-1' }, 'Token inspector'),
		form,
		results);
	return () => clearInterval(ticker);
}
