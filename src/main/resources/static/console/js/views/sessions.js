// My sessions: where I am signed in, ending one, and logging out everywhere.

import { call, describe, signOut } from '../api.js';
import { device } from '../agent.js';
import { confirmAction } from '../dialog.js';
import { cell, h, messageLine, pager, time } from '../dom.js';

const PAGE_SIZE = 20;

export function sessionsPage(main) {
	const message = messageLine();
	const list = h('div', { id: 'sessions' });
	const logoutAll = h('button', { type: 'button', class: 'button button-danger', id: 'logout-all' },
		'Log out everywhere');
	let page = 0;

	async function load() {
		try {
			const result = await call(`/api/me/sessions?page=${page}&size=${PAGE_SIZE}`);
			if (result.content.length === 0 && page > 0) {
				page -= 1;
				return load();
			}
			list.replaceChildren(table(result.content), pager(result.page, 'Sessions', (next) => {
				page = next;
				load();
			}));
		}
		catch (error) {
			message.error(describe(error));
		}
		return undefined;
	}

	function table(sessions) {
		const rows = sessions.map((session) => {
			const name = device(session.user_agent);
			const action = session.current
				? h('span', { class: 'badge badge-current' }, 'This session')
				: h('button', { type: 'button', class: 'button button-quiet button-small', 'data-session': session.id,
					'aria-label': `End the session of ${name} from ${session.client_ip ?? 'an unknown address'}`,
					onclick: () => end(session, name) }, 'End');
			return h('tr', { 'data-session-row': session.id, class: session.current ? 'current' : null },
				cell('Device', h('span', { class: 'device' }, name),
					h('span', { class: 'agent', title: session.user_agent ?? '' }, session.user_agent ?? '')),
				cell('Address', session.client_ip ?? 'unknown'),
				cell('Started', time(session.created_at)),
				cell('Last used', time(session.last_used_at)),
				cell('Action', action));
		});
		return h('div', { class: 'table-wrap' },
			h('table', { class: 'cards', id: 'sessions-table' },
				h('caption', {}, 'Live sessions, most recently used first'),
				h('thead', {}, h('tr', {},
					h('th', { scope: 'col' }, 'Device'),
					h('th', { scope: 'col' }, 'Address'),
					h('th', { scope: 'col' }, 'Started'),
					h('th', { scope: 'col' }, 'Last used'),
					h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Action')))),
				h('tbody', {}, rows)));
	}

	async function end(session, name) {
		const confirmed = await confirmAction({
			title: 'End this session?',
			message: `${name} from ${session.client_ip ?? 'an unknown address'} will have to sign in again.`,
			confirm: 'End session',
		});
		if (!confirmed) {
			return;
		}
		try {
			await call(`/api/me/sessions/${encodeURIComponent(session.id)}`, { method: 'DELETE' });
			message.ok(`The session of ${name} has ended.`);
			await load();
		}
		catch (error) {
			message.error(describe(error));
		}
	}

	logoutAll.addEventListener('click', async () => {
		const confirmed = await confirmAction({
			title: 'Log out everywhere?',
			message: 'Every session of your account ends, this one too, and every access token already issued is refused.',
			confirm: 'Log out everywhere',
		});
		if (!confirmed) {
			return;
		}
		try {
			await call('/api/auth/logout-all', { method: 'POST' });
			await signOut('You have logged out everywhere.');
		}
		catch (error) {
			message.error(describe(error));
		}
	});

	main.append(
		h('h1', { tabindex: '-1' }, 'My sessions'),
		h('p', { class: 'lead' }, 'Each sign-in is a session: a device that can stay signed in by itself. '
			+ 'End one you do not recognise; its next refresh is refused.'),
		h('div', { class: 'actions' }, logoutAll),
		message.element,
		list);
	load();
}
