// Security events, for an administrator: the stored events with filters, newest first, and a
// chart of login successes and failures per hour over the last 24 hours.

import { call, describe } from '../api.js';
import { device } from '../agent.js';
import { countByHour, drawChart, windowStart } from '../chart.js';
import { cell, field, h, messageLine, pager, time } from '../dom.js';

const PAGE_SIZE = 20;

/** The chart reads at most this many pages of 200 logins; the page says when it stopped there. */
const CHART_PAGES = 50;

const CHART_PAGE_SIZE = 200;

const TYPES = {
	signup: 'Sign-up',
	login: 'Login',
	lockout: 'Lockout',
	rate_limit: 'Rate limit',
	refresh: 'Refresh',
	refresh_reuse: 'Refresh token reused',
	logout: 'Logout',
	logout_all: 'Logout everywhere',
	session_end: 'Session ended',
	session_limit: 'Session limit',
	revoke: 'Token revoked',
	password_change: 'Password change',
	role_change: 'Role change',
	account_disabled: 'Account disabled',
	account_enabled: 'Account enabled',
};

function typeName(type) {
	return TYPES[type] ?? type;
}

export function eventsPage(main) {
	const message = messageLine();
	const chartStatus = messageLine();
	chartStatus.element.id = 'chart-status';
	const chartArea = h('div', { id: 'chart' });
	const type = h('select', { id: 'event-type', name: 'type' },
		h('option', { value: '' }, 'Any'),
		Object.entries(TYPES).map(([value, name]) => h('option', { value }, name)));
	const user = h('input', { id: 'event-user', name: 'user', autocomplete: 'off', spellcheck: 'false',
		autocapitalize: 'none' });
	const since = h('input', { id: 'event-since', name: 'since', type: 'datetime-local', step: '1' });
	const filters = h('form', { class: 'inline-form', id: 'event-filters', 'aria-label': 'Filter the events' },
		field('Event', type),
		field('User', user, 'A username or a user id.'),
		field('Since', since, 'In your time zone.'),
		h('div', { class: 'actions' },
			h('button', { type: 'submit', class: 'button' }, 'Show events'),
			h('button', { type: 'reset', class: 'button button-quiet' }, 'Clear filters')));
	const list = h('div', { id: 'events' });
	const refreshChart = h('button', { type: 'button', class: 'button button-quiet button-small', id: 'chart-refresh' },
		'Redraw the chart');
	let page = 0;

	function query() {
		const parameters = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
		if (type.value) {
			parameters.set('type', type.value);
		}
		if (user.value.trim()) {
			parameters.set('user', user.value.trim());
		}
		if (since.value) {
			const moment = new Date(since.value);
			if (!Number.isNaN(moment.getTime())) {
				parameters.set('since', moment.toISOString());
			}
		}
		return parameters;
	}

	async function load() {
		try {
			const result = await call(`/api/admin/events?${query()}`);
			list.replaceChildren(table(result.content), pager(result.page, 'Events', (next) => {
				page = next;
				load();
			}));
		}
		catch (error) {
			message.error(describe(error));
		}
	}

	function table(events) {
		const rows = events.map((event) => h('tr', { 'data-event': event.id, 'data-type': event.type },
			cell('When', time(event.at)),
			cell('Event', typeName(event.type)),
			cell('Outcome', h('span', { class: `outcome-${event.outcome}` },
				event.outcome === 'success' ? 'Success' : 'Failure')),
			cell('User', event.username ?? event.user_id ?? h('span', { class: 'empty' }, 'none')),
			cell('Address', event.client_ip ?? h('span', { class: 'empty' }, 'unknown')),
			cell('Device', event.user_agent ? h('span', { title: event.user_agent }, device(event.user_agent))
				: h('span', { class: 'empty' }, 'unknown'))));
		return h('div', { class: 'table-wrap' },
			h('table', { class: 'cards', id: 'events-table' },
				h('caption', {}, 'Events, newest first'),
				h('thead', {}, h('tr', {}, ['When', 'Event', 'Outcome', 'User', 'Address', 'Device']
					.map((name) => h('th', { scope: 'col' }, name)))),
				h('tbody', {}, rows.length > 0 ? rows
					: h('tr', {}, h('td', { colspan: '6', class: 'empty' }, 'No event matches.')))));
	}

	/** Every login since the window's start, page by page up to the bound; events seen twice count once. */
	async function chart() {
		const now = Date.now();
		const start = windowStart(now);
		const seen = new Map();
		let capped = false;
		chartStatus.info('Counting the logins of the last 24 hours…');
		try {
			for (let number = 0; ; number += 1) {
				if (number === CHART_PAGES) {
					capped = true;
					break;
				}
				const parameters = new URLSearchParams({ type: 'login', since: start.toISOString(), page: String(number),
					size: String(CHART_PAGE_SIZE) });
				const result = await call(`/api/admin/events?${parameters}`);
				result.content.forEach((event) => seen.set(event.id, event));
				if (number + 1 >= result.page.total_pages) {
					break;
				}
			}
		}
		catch (error) {
			chartStatus.error(describe(error));
			return;
		}
		chartArea.replaceChildren(drawChart(countByHour(seen.values(), start)));
		chartStatus.info(capped
			? `Only the newest ${CHART_PAGES * CHART_PAGE_SIZE} logins are counted; older ones of the last 24 hours are left out.`
			: `${seen.size} ${seen.size === 1 ? 'login' : 'logins'} in the last 24 hours.`);
	}

	filters.addEventListener('submit', (event) => {
		event.preventDefault();
		page = 0;
		message.clear();
		load();
	});
	filters.addEventListener('reset', () => {
		// after the form has cleared its fields
		setTimeout(() => {
			page = 0;
			load();
		});
	});
	refreshChart.addEventListener('click', chart);

	main.append(
		h('h1', { tabindex: '-1' }, 'Security events'),
		h('section', { class: 'panel', 'aria-labelledby': 'chart-title' },
			h('h2', { id: 'chart-title' }, 'Logins in the last 24 hours'),
			chartStatus.element,
			chartArea,
			refreshChart),
		h('h2', {}, 'Events'),
		filters,
		message.element,
		list);
	chart();
	load();
}
