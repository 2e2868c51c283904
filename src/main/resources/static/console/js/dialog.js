// The confirmation step before a change that ends sessions or locks someone out: a modal
// <dialog> of the page (focus moves into it, Escape cancels), not window.confirm.

/** Resolves true when the person confirms, false when they cancel or press Escape. */
export function confirmAction({ title, message, confirm = 'Confirm' }) {
	const dialog = document.getElementById('confirm-dialog');
	const opener = document.activeElement;
	document.getElementById('confirm-title').textContent = title;
	document.getElementById('confirm-message').textContent = message;
	document.getElementById('confirm-ok').textContent = confirm;
	dialog.returnValue = '';
	return new Promise((resolve) => {
		dialog.addEventListener('close', () => {
			if (opener instanceof HTMLElement && opener.isConnected) {
				opener.focus();
			}
			resolve(dialog.returnValue === 'confirm');
		}, { once: true });
		dialog.showModal();
		// the safe choice has the focus: Enter alone does not end anything
		document.getElementById('confirm-cancel').focus();
	});
}
