// Sign in and sign up, in browser mode: the refresh token goes into the server's HttpOnly
// cookie, the access token into the console's memory.

import { describe, signIn, signUp } from '../api.js';
import { field, h, messageLine } from '../dom.js';
import { lengthProblem, rulesFor } from '../password-rules.js';

export function signInPage(main, { next, reason }) {
	const username = h('input', { name: 'username', id: 'signin-username', autocomplete: 'username', required: true,
		autocapitalize: 'none', spellcheck: 'false' });
	const password = h('input', { name: 'password', id: 'signin-password', type: 'password',
		autocomplete: 'current-password', required: true });
	const button = h('button', { type: 'submit', class: 'button', id: 'signin-submit' }, 'Sign in');
	const message = messageLine();
	if (reason) {
		message.info(reason);
	}
	const form = h('form', { class: 'panel narrow', id: 'signin-form', 'aria-labelledby': 'signin-title' },
		field('Username', username),
		field('Password', password),
		message.element,
		h('div', { class: 'actions' }, button));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		button.disabled = true;
		message.info('Signing in…');
		try {
			await signIn(username.value.trim(), password.value);
			location.hash = next;
		}
		catch (error) {
			message.error(describe(error));
			password.select();
			password.focus();
		}
		finally {
			button.disabled = false;
		}
	});
	main.append(
		h('h1', { id: 'signin-title', tabindex: '-1' }, 'Sign in'),
		form,
		h('p', {}, 'No account yet? ', h('a', { href: '#/signup', id: 'signup-link' }, 'Create one')));
}

export function signUpPage(main, { next }) {
	const username = h('input', { name: 'username', id: 'signup-username', autocomplete: 'username', required: true,
		minlength: '3', maxlength: '64', pattern: '[A-Za-z0-9._\\-]+', autocapitalize: 'none', spellcheck: 'false' });
	const email = h('input', { name: 'email', id: 'signup-email', type: 'email', autocomplete: 'email' });
	const password = h('input', { name: 'password', id: 'signup-password', type: 'password',
		autocomplete: 'new-password', required: true });
	const button = h('button', { type: 'submit', class: 'button', id: 'signup-submit' }, 'Create account');
	const message = messageLine();
	const form = h('form', { class: 'panel narrow', id: 'signup-form', 'aria-labelledby': 'signup-title' },
		field('Username', username, '3 to 64 letters, digits, dots, underscores or hyphens.'),
		field('Email (optional)', email),
		field('Password', password, rulesFor(password)),
		message.element,
		h('div', { class: 'actions' }, button));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const lengthRefusal = lengthProblem(password.value);
		if (lengthRefusal) {
			message.error(lengthRefusal);
			password.focus();
			return;
		}
		button.disabled = true;
		message.info('Creating the account…');
		try {
			await signUp(username.value.trim(), password.value, email.value.trim());
			location.hash = next;
		}
		catch (error) {
			message.error(describe(error));
		}
		finally {
			button.disabled = false;
		}
	});
	main.append(
		h('h1', { id: 'signup-title', tabindex: '-1' }, 'Create an account'),
		form,
		h('p', {}, 'Have an account? ', h('a', { href: '#/signin' }, 'Sign in')));
}
