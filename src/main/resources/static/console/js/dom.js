// Small helpers to build the page. Text always goes in as text (never as markup), so nothing
// the server or a pasted token holds can turn into an element or a script.

const SVG = 'http://www.w3.org/2000/svg';

let counter = 0;

/** An id no other element of the page has. */
export function uid(prefix) {
	counter += 1;
	return `${prefix}-${counter}`;
}

function build(element, attrs, children) {
	for (const [name, value] of Object.entries(attrs ?? {})) {
		if (value === null || value === undefined || value === false) {
			continue;
		}
		if (name.startsWith('on') && typeof value === 'function') {
			element.addEventListener(name.slice(2), value);
		}
		else if (value === true) {
			element.setAttribute(name, '');
		}
		else {
			element.setAttribute(name, String(value));
		}
	}
	for (const child of children.flat(Infinity)) {
		if (child === null || child === undefined || child === false) {
			continue;
		}
		element.append(child instanceof Node ? child : String(child));
	}
	return element;
}

/** An HTML element: h('p', { class: 'hint' }, 'text', child). */
export function h(tag, attrs, ...children) {
	return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function svg(tag, attrs, ...children) {
	return build(document.createElementNS(SVG, tag), attrs, children);
}

/** A labelled form field: the label, the control, and hints that describe it. */
export function field(label, control, ...hints) {
	const id = control.id || uid('field');
	control.id = id;
	const hintNodes = hints.filter(Boolean).map((hint) => {
		const node = hint instanceof Node ? hint : h('p', { class: 'hint' }, hint);
		node.id = node.id || uid('hint');
		return node;
	});
	if (hintNodes.length > 0) {
		control.setAttribute('aria-describedby', hintNodes.map((node) => node.id).join(' '));
	}
	return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintNodes);
}

/** A line for the outcome of an action: read out by screen readers when it changes. */
export function messageLine() {
	const line = h('p', { class: 'message', role: 'status' });
	return {
		element: line,
		ok(text) {
			line.className = 'message message-ok';
			line.textContent = text;
		},
		error(text) {
			line.className = 'message message-error';
			line.textContent = text;
		},
		info(text) {
			line.className = 'message';
			line.textContent = text;
		},
		clear() {
			line.className = 'message';
			line.textContent = '';
		},
	};
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A moment as a <time> element in the reader's own time zone. */
export function time(value) {
	if (value === null || value === undefined || value === '') {
		return h('span', { class: 'empty' }, 'never');
	}
	const date = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(date.getTime())) {
		return h('span', {}, String(value));
	}
	return h('time', { datetime: date.toISOString() }, dateFormat.format(date));
}

/** A span of time in words: "3 min 4 s", "2 h 5 min", "4 days". */
export function duration(milliseconds) {
	let seconds = Math.round(Math.abs(milliseconds) / 1000);
	const days = Math.floor(seconds / 86400);
	if (days >= 2) {
		return `${days} days`;
	}
	const hours = Math.floor(seconds / 3600);
	seconds -= hours * 3600;
	const minutes = Math.floor(seconds / 60);
	seconds -= minutes * 60;
	if (hours > 0) {
		return `${hours} h ${minutes} min`;
	}
	if (minutes > 0) {
		return `${minutes} min ${seconds} s`;
	}
	return `${seconds} s`;
}

/** The page navigation of a listing: previous, where we are, next. */
export function pager(page, label, go) {
	const number = page?.number ?? 0;
	const pages = Math.max(page?.total_pages ?? 1, 1);
	const total = page?.total_elements ?? 0;
	return h('nav', { class: 'pager', 'aria-label': `${label} pages` },
		h('button', { type: 'button', class: 'button button-quiet button-small', disabled: number <= 0,
			onclick: () => go(number - 1) }, 'Previous page'),
		h('span', {}, `Page ${number + 1} of ${pages} (${total} in all)`),
		h('button', { type: 'button', class: 'button button-quiet button-small', disabled: number + 1 >= pages,
			onclick: () => go(number + 1) }, 'Next page'));
}

/** A table cell named by its column, which narrow screens show above the value. */
export function cell(label, ...content) {
	return h('td', { 'data-label': label }, content);
}
