// The chart of login successes and failures per hour: an SVG drawn here, with a <title> on
// each bar and the same numbers as a table for those who do not see it.

import { h, svg } from './dom.js';

const HOUR = 3600 * 1000;

const WIDTH = 720;

const HEIGHT = 240;

const LEFT = 36;

const BOTTOM = 24;

const TOP = 12;

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** The start of the first of the 24 hours that end with the current one. */
export function windowStart(now) {
	const hour = new Date(now);
	hour.setMinutes(0, 0, 0);
	return new Date(hour.getTime() - 23 * HOUR);
}

/** Successes and failures per hour: 24 buckets from the window's start. */
export function countByHour(events, start) {
	const buckets = Array.from({ length: 24 }, (_, index) => ({
		from: new Date(start.getTime() + index * HOUR),
		success: 0,
		failure: 0,
	}));
	for (const event of events) {
		const index = Math.floor((Date.parse(event.at) - start.getTime()) / HOUR);
		if (index >= 0 && index < 24) {
			buckets[index][event.outcome === 'success' ? 'success' : 'failure'] += 1;
		}
	}
	return buckets;
}

function plural(count, one, many) {
	return `${count} ${count === 1 ? one : many}`;
}

function label(bucket) {
	return `${dayFormat.format(bucket.from)} to ${hourFormat.format(new Date(bucket.from.getTime() + HOUR))}`;
}

/** The chart and its table for these buckets. */
export function drawChart(buckets) {
	const max = Math.max(1, ...buckets.map((bucket) => Math.max(bucket.success, bucket.failure)));
	const plotHeight = HEIGHT - TOP - BOTTOM;
	const slot = (WIDTH - LEFT) / buckets.length;
	const barWidth = Math.max(2, (slot - 4) / 2);
	const y = (count) => TOP + plotHeight - (count / max) * plotHeight;
	const successes = buckets.reduce((sum, bucket) => sum + bucket.success, 0);
	const failures = buckets.reduce((sum, bucket) => sum + bucket.failure, 0);

	const bars = buckets.map((bucket, index) => {
		const x = LEFT + index * slot + 2;
		const group = svg('g', { class: 'hour', 'data-hour': bucket.from.toISOString() });
		for (const [kind, offset, words] of [['success', 0, ['successful login', 'successful logins']],
			['failure', barWidth, ['failed login', 'failed logins']]]) {
			const count = bucket[kind];
			if (count > 0) {
				group.append(svg('rect', { class: `bar-${kind}`, x: (x + offset).toFixed(1), y: y(count).toFixed(1),
					width: barWidth.toFixed(1), height: (TOP + plotHeight - y(count)).toFixed(1), 'data-count': count },
					svg('title', {}, `${label(bucket)}: ${plural(count, ...words)}`)));
			}
		}
		if (index % 3 === 0) {
			group.append(svg('text', { class: 'tick-label', x: x.toFixed(1), y: HEIGHT - 6 },
				hourFormat.format(bucket.from)));
		}
		return group;
	});

	const chart = svg('svg', { class: 'chart', id: 'login-chart', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img',
		'aria-labelledby': 'login-chart-title login-chart-desc' },
		svg('title', { id: 'login-chart-title' }, 'Logins per hour over the last 24 hours'),
		svg('desc', { id: 'login-chart-desc' }, `${plural(successes, 'successful login', 'successful logins')} and `
			+ `${plural(failures, 'failed login', 'failed logins')} in all; the table below the chart has each hour.`),
		svg('line', { class: 'axis', x1: LEFT, y1: TOP + plotHeight, x2: WIDTH, y2: TOP + plotHeight }),
		svg('line', { class: 'axis', x1: LEFT, y1: TOP, x2: LEFT, y2: TOP + plotHeight }),
		svg('text', { class: 'tick-label', x: 4, y: TOP + 10 }, String(max)),
		svg('text', { class: 'tick-label', x: 4, y: TOP + plotHeight }, '0'),
		bars);

	const table = h('table', { id: 'login-chart-table' },
		h('caption', {}, 'Logins per hour'),
		h('thead', {}, h('tr', {},
			h('th', { scope: 'col' }, 'Hour'),
			h('th', { scope: 'col', class: 'number' }, 'Successful'),
			h('th', { scope: 'col', class: 'number' }, 'Failed'))),
		h('tbody', {}, buckets.map((bucket) => h('tr', {},
			h('th', { scope: 'row' }, label(bucket)),
			h('td', { class: 'number' }, String(bucket.success)),
			h('td', { class: 'number' }, String(bucket.failure))))));

	const legend = h('ul', { class: 'legend' },
		h('li', {}, h('span', { class: 'swatch swatch-success', 'aria-hidden': 'true' }), `Successful (${successes})`),
		h('li', {}, h('span', { class: 'swatch swatch-failure', 'aria-hidden': 'true' }), `Failed (${failures})`));

	return h('div', {}, chart, legend,
		h('details', {}, h('summary', {}, 'The numbers as a table'), h('div', { class: 'table-wrap' }, table)));
}
