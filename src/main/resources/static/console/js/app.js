// The console: hash routes, the navigation, and who is signed in.

import { currentUser, describe, isAdmin, onSessionChange, restore, signOut } from './api.js';
import { h } from './dom.js';
import { eventsPage } from './views/events.js';
import { inspectorPage } from './views/inspector.js';
import { passwordPage } from './views/password.js';
import { sessionsPage } from './views/sessions.js';
import { signInPage, signUpPage } from './views/signin.js';
import { usersPage } from './views/users.js';

// access: 'out' only signed out, 'any' either way, 'in' signed in, 'admin' with the role ADMIN
const ROUTES = {
	'/signin': { title: 'Sign in', access: 'out', render: signInPage },
	'/signup': { title: 'Create an account', access: 'out', render: signUpPage },
	'/sessions': { title: 'My sessions', access: 'in', render: sessionsPage },
	'/password': { title: 'Change password', access: 'in', render: passwordPage },
	'/inspector': { title: 'Token inspector', access: 'any', render: inspectorPage },
	'/users': { title: 'Users', access: 'admin', render: usersPage },
	'/events': { title: 'Security events', access: 'admin', render: eventsPage },
};

const HOME = '#/sessions';

const main = document.getElementById('main');
let cleanup = null;
let reason = null;
let ready = false;
let shown = { signedIn: false, admin: false };

function path() {
	const hash = location.hash;
	return hash.startsWith('#/') ? hash.slice(1).split('?')[0] : '/';
}

function navigation(signedIn, current) {
	const links = Object.entries(ROUTES)
		.filter(([, route]) => route.access === 'any' || (signedIn ? route.access !== 'out' : route.access === 'out'))
		.filter(([, route]) => route.access !== 'admin' || isAdmin())
		.filter(([name]) => name !== '/signup');
	document.getElementById('nav').replaceChildren(...links.map(([name, route]) => h('li', {},
		h('a', { href: `#${name}`, 'aria-current': (name === current) ? 'page' : null, id: `nav-${name.slice(1)}` },
			route.title))));
	const who = document.getElementById('who');
	who.hidden = !signedIn;
	document.getElementById('who-name').textContent = signedIn ? `Signed in as ${currentUser()?.username ?? ''}` : '';
}

function render() {
	if (!ready) {
		return;
	}
	if (cleanup) {
		cleanup();
		cleanup = null;
	}
	const signedIn = currentUser() !== null;
	let name = path();
	if (!ROUTES[name]) {
		name = signedIn ? HOME.slice(1) : '/signin';
		history.replaceState(null, '', `#${name}`);
	}
	let route = ROUTES[name];
	let next = HOME;
	if (route.access === 'out' && signedIn) {
		name = HOME.slice(1);
		history.replaceState(null, '', HOME);
		route = ROUTES[name];
	}
	else if ((route.access === 'in' || route.access === 'admin') && !signedIn) {
		// sign in first, then come back here
		next = `#${name}`;
		name = '/signin';
		route = ROUTES[name];
	}
	shown = { signedIn, admin: isAdmin() };
	navigation(signedIn, name);
	main.replaceChildren();
	document.title = `${route.title} · auth-server console`;
	if (route.access === 'admin' && !isAdmin()) {
		main.append(h('h1', { tabindex: '-1' }, route.title),
			h('p', { class: 'message message-error' }, 'This page is for administrators: your account does not hold the role ADMIN.'));
	}
	else {
		cleanup = route.render(main, { next, reason }) ?? null;
	}
	reason = null;
	main.querySelector('h1')?.focus();
}

// a renewal that changes nothing visible leaves the page as it is, with whatever is typed in it
onSessionChange((state) => {
	const now = { signedIn: state.signedIn, admin: isAdmin() };
	if (!state.signedIn) {
		reason = state.reason;
	}
	if (now.signedIn !== shown.signedIn || now.admin !== shown.admin) {
		render();
	}
	else {
		navigation(now.signedIn, path());
	}
});

window.addEventListener('hashchange', render);

document.getElementById('sign-out').addEventListener('click', async () => {
	try {
		await signOut('You have signed out.');
	}
	catch (error) {
		reason = describe(error);
		render();
	}
});

document.getElementById('skip-link').addEventListener('click', (event) => {
	event.preventDefault();
	main.focus();
});

// the refresh-token cookie outlives a reload: one refresh restores the session it names
restore().finally(() => {
	ready = true;
	render();
});
