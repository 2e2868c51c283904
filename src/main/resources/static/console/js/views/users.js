// Users, for an administrator: search by username, page, change roles, enable and disable,
// each change confirmed first since it ends the user's sessions.

import { call, currentUser, describe } from '../api.js';
import { confirmAction } from '../dialog.js';
import { cell, field, h, messageLine, pager, time } from '../dom.js';

const PAGE_SIZE = 20;

const KNOWN_ROLES = ['USER', 'ADMIN'];

const ROLE = /^[A-Z][A-Z0-9_]{0,31}$/;

/** The roles dialog: the known roles as boxes, others as text. Resolves the chosen roles, or null. */
function chooseRoles(user) {
	const others = user.roles.filter((role) => !KNOWN_ROLES.includes(role));
	const boxes = KNOWN_ROLES.map((role) => h('input', { type: 'checkbox', name: 'role', value: role,
		id: `role-${role}`, checked: user.roles.includes(role) }));
	const extra = h('input', { id: 'roles-other', name: 'other', value: others.join(', '), autocapitalize: 'characters',
		spellcheck: 'false' });
	const problem = h('p', { class: 'message message-error', role: 'alert' });
	const dialog = h('dialog', { 'aria-labelledby': 'roles-title', id: 'roles-dialog' },
		h('form', { method: 'dialog', class: 'dialog-form' },
			h('h2', { id: 'roles-title' }, `Roles of ${user.username}`),
			h('fieldset', {},
				h('legend', {}, 'Roles'),
				boxes.map((box) => h('div', { class: 'check' }, box, h('label', { for: box.id }, box.value)))),
			field('Other roles', extra, 'Separated by commas; capital letters, digits and _.'),
			problem,
			h('div', { class: 'actions' },
				h('button', { type: 'submit', class: 'button button-quiet', value: 'cancel' }, 'Cancel'),
				h('button', { type: 'submit', class: 'button', value: 'save', id: 'roles-save' }, 'Continue'))));
	document.body.append(dialog);
	return new Promise((resolve) => {
		dialog.addEventListener('submit', (event) => {
			if (event.submitter?.value !== 'save') {
				return;
			}
			const roles = [...boxes.filter((box) => box.checked).map((box) => box.value),
				...extra.value.split(',').map((role) => role.trim().toUpperCase()).filter(Boolean)];
			const wrong = roles.find((role) => !ROLE.test(role));
			if (roles.length === 0 || wrong) {
				event.preventDefault();
				problem.textContent = wrong
					? `${wrong} is not a role name: 1 to 32 capital letters, digits and _, starting with a letter.`
					: 'A user holds at least one role.';
			}
		});
		dialog.addEventListener('close', () => {
			const roles = (dialog.returnValue === 'save')
				? [...new Set([...boxes.filter((box) => box.checked).map((box) => box.value),
					...extra.value.split(',').map((role) => role.trim().toUpperCase()).filter(Boolean)])].sort()
				: null;
			dialog.remove();
			resolve(roles);
		}, { once: true });
		dialog.showModal();
	});
}

export function usersPage(main) {
	const message = messageLine();
	const search = h('input', { type: 'search', id: 'user-search', name: 'q', maxlength: '64', autocomplete: 'off',
		spellcheck: 'false' });
	const searchForm = h('form', { class: 'inline-form', role: 'search', id: 'user-search-form' },
		field('Search usernames', search),
		h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button' }, 'Search')));
	const list = h('div', { id: 'users' });
	let page = 0;
	let query = '';

	async function load() {
		const q = query ? `&q=${encodeURIComponent(query)}` : '';
		try {
			const result = await call(`/api/admin/users?page=${page}&size=${PAGE_SIZE}${q}`);
			list.replaceChildren(table(result.content), pager(result.page, 'Users', (next) => {
				page = next;
				load();
			}));
		}
		catch (error) {
			message.error(describe(error));
		}
	}

	function table(users) {
		const me = currentUser()?.id;
		const rows = users.map((user) => {
			const self = user.id === me;
			return h('tr', { 'data-user': user.username },
				cell('Username', h('strong', {}, user.username), self ? ' (you)' : null),
				cell('Email', user.email ?? h('span', { class: 'empty' }, 'none')),
				cell('Roles', user.roles.join(', ')),
				cell('Status', h('span', { class: user.enabled ? 'state-enabled' : 'state-disabled' },
					user.enabled ? 'Enabled' : 'Disabled')),
				cell('Created', time(user.created_at)),
				cell('Actions', h('div', { class: 'actions' },
					h('button', { type: 'button', class: 'button button-quiet button-small', 'data-action': 'roles',
						'aria-label': `Change the roles of ${user.username}`, onclick: () => changeRoles(user) }, 'Roles…'),
					h('button', { type: 'button', class: 'button button-quiet button-small', 'data-action': 'enabled',
						'aria-label': `${user.enabled ? 'Disable' : 'Enable'} ${user.username}`,
						onclick: () => setEnabled(user, !user.enabled) }, user.enabled ? 'Disable' : 'Enable'))));
		});
		return h('div', { class: 'table-wrap' },
			h('table', { class: 'cards', id: 'users-table' },
				h('caption', {}, query ? `Users whose username contains “${query}”` : 'Users, by username'),
				h('thead', {}, h('tr', {}, ['Username', 'Email', 'Roles', 'Status', 'Created', 'Actions']
					.map((name) => h('th', { scope: 'col' }, name)))),
				h('tbody', {}, rows.length > 0 ? rows
					: h('tr', {}, h('td', { colspan: '6', class: 'empty' }, 'No user matches.')))));
	}

	async function changeRoles(user) {
		const roles = await chooseRoles(user);
		if (roles === null) {
			return;
		}
		const confirmed = await confirmAction({
			title: `Change the roles of ${user.username}?`,
			message: `From ${user.roles.join(', ')} to ${roles.join(', ')}. Every session of ${user.username} ends, `
				+ 'so the new roles take effect at the next sign-in.',
			confirm: 'Change roles',
		});
		if (!confirmed) {
			return;
		}
		try {
			const changed = await call(`/api/admin/users/${encodeURIComponent(user.username)}/roles`,
				{ method: 'PUT', body: { roles } });
			message.ok(`${changed.username} now holds ${changed.roles.join(', ')}.`);
			await load();
		}
		catch (error) {
			message.error(describe(error));
		}
	}

	async function setEnabled(user, enabled) {
		const confirmed = await confirmAction(enabled
			? { title: `Enable ${user.username}?`, message: `${user.username} can sign in again.`, confirm: 'Enable' }
			: { title: `Disable ${user.username}?`, message: `Every session of ${user.username} ends at once, and `
				+ `${user.username} cannot sign in until an administrator enables the account again.`, confirm: 'Disable' });
		if (!confirmed) {
			return;
		}
		try {
			const changed = await call(`/api/admin/users/${encodeURIComponent(user.username)}/enabled`,
				{ method: 'PUT', body: { enabled } });
			message.ok(`${changed.username} is ${changed.enabled ? 'enabled' : 'disabled'}.`);
			await load();
		}
		catch (error) {
			message.error(describe(error));
		}
	}

	searchForm.addEventListener('submit', (event) => {
		event.preventDefault();
		query = search.value.trim();
		page = 0;
		message.clear();
		load();
	});

	main.append(
		h('h1', { tabindex: '-1' }, 'Users'),
		searchForm,
		message.element,
		list);
	load();
}
