// Change password: the rules first, the length checked here, the server's refusal in its words.

import { call, describe } from '../api.js';
import { field, h, messageLine } from '../dom.js';
import { lengthProblem, rulesFor } from '../password-rules.js';

export function passwordPage(main) {
	const current = h('input', { id: 'current-password', name: 'current_password', type: 'password',
		autocomplete: 'current-password', required: true });
	const next = h('input', { id: 'new-password', name: 'new_password', type: 'password',
		autocomplete: 'new-password', required: true });
	const again = h('input', { id: 'repeat-password', name: 'repeat_password', type: 'password',
		autocomplete: 'new-password', required: true });
	const button = h('button', { type: 'submit', class: 'button', id: 'password-submit' }, 'Change password');
	const message = messageLine();
	message.element.id = 'password-message';
	const form = h('form', { class: 'panel narrow', id: 'password-form', 'aria-labelledby': 'password-title' },
		field('Current password', current),
		field('New password', next, rulesFor(next)),
		field('New password again', again),
		message.element,
		h('div', { class: 'actions' }, button));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		const refusal = lengthProblem(next.value)
			?? ((next.value !== again.value) ? 'The two new passwords differ.' : null);
		if (refusal) {
			message.error(refusal);
			next.focus();
			return;
		}
		button.disabled = true;
		message.info('Changing the password…');
		try {
			await call('/api/me/password', { method: 'PUT',
				body: { current_password: current.value, new_password: next.value } });
			form.reset();
			next.dispatchEvent(new Event('input'));
			message.ok('Your password has changed. Every other session has ended; this one goes on.');
		}
		catch (error) {
			message.error(describe(error));
		}
		finally {
			button.disabled = false;
		}
	});
	main.append(
		h('h1', { id: 'password-title', tabindex: '-1' }, 'Change password'),
		h('p', { class: 'lead' }, 'Changing the password ends every other session of your account.'),
		form);
}
