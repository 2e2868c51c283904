// The server's rules for a new password, shown before it is sent (docs/security.md, "Passwords
// refused, and why"). Only the length is checked here; the server judges the rest and says why
// in its refusal.

import { h, uid } from './dom.js';

/** The server's default auth.password.min-length; a server set otherwise still has the last word. */
export const MIN_LENGTH = 15;

export const MAX_LENGTH = 128;

/** Characters as the server counts them: code points, so an emoji is one. */
export function length(password) {
	return [...password].length;
}

export function lengthProblem(password) {
	const count = length(password);
	if (count < MIN_LENGTH) {
		return `The new password has ${count} characters; it needs at least ${MIN_LENGTH}.`;
	}
	if (count > MAX_LENGTH) {
		return `The new password has ${count} characters; at most ${MAX_LENGTH} are allowed.`;
	}
	return null;
}

/**
 * The list of rules for a password input, with a count of its characters that follows the
 * typing. Returns the element to place under the input.
 */
export function rulesFor(input) {
	const count = h('li', {});
	const list = h('ul', { class: 'rules', id: uid('rules') },
		count,
		h('li', {}, 'Not a common or breached password, and not easy to guess: no dictionary words alone, '
			+ 'repeated or sequential characters (aaaa, abcd, 9876), keyboard patterns (qwerty) or dates.'),
		h('li', {}, 'Not built on your username, your email address or the name of the service.'),
		h('li', {}, 'Any characters you like, spaces too: a few words of your own make a strong passphrase.'));
	const update = () => {
		const n = length(input.value);
		const met = n >= MIN_LENGTH && n <= MAX_LENGTH;
		count.textContent = `${MIN_LENGTH} to ${MAX_LENGTH} characters (now ${n}).`;
		count.className = (n === 0) ? '' : (met ? 'rule-met' : 'rule-unmet');
	};
	input.addEventListener('input', update);
	update();
	return list;
}
