// The consultants' hand-off desk: lists open hand-offs, sends replies, closes them (portal/handoffs.ts).
const text = (pt, en) => `${pt} <span class="en">/ ${en}</span>`;
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const consultant = document.getElementById('consultant');
consultant.value = localStorage.getItem('beststag.consultant') || '';
consultant.addEventListener('change', () => localStorage.setItem('beststag.consultant', consultant.value.trim()));

let typing = false;

async function post(path, body) {
	const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
	const data = await res.json().catch(() => ({}));
	if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
	return data;
}

function card(h) {
	const messages = h.messages.map((m) => `<li class="${m.direction === 'outbound' ? 'out' : 'in'}">${esc(m.text)}</li>`).join('');
	return `<section class="handoff" data-ref="${esc(h.reference)}">
		<h2>${esc(h.user.name)} <span class="en">${esc(h.user.phone)}</span></h2>
		<p><strong>${esc(h.reference)}</strong> · ${esc(h.status)} · ${esc(h.openedAt ? new Date(h.openedAt).toLocaleString('pt-BR') : '')}</p>
		<pre class="summary">${esc(h.summary || h.reason)}</pre>
		<ul class="messages">${messages}</ul>
		<form class="reply"><textarea name="text" rows="2" maxlength="1600" required></textarea>
		<button type="submit">Responder <span class="en">/ Reply</span></button>
		<button type="button" class="close">Encerrar e devolver ao bot <span class="en">/ Close, back to the bot</span></button></form>
		<p class="error" hidden></p>
	</section>`;
}

async function refresh() {
	if (typing) return;
	const summary = document.getElementById('summary');
	try {
		const res = await fetch('/api/handoffs');
		const data = await res.json();
		if (!res.ok) throw new Error(data.error || `HTTP ${res.status}`);
		summary.innerHTML = data.length === 0 ? text('Nenhum atendimento aberto.', 'No open hand-offs.') : text(`${data.length} atendimento(s) aberto(s).`, `${data.length} open.`);
		document.getElementById('handoffs').innerHTML = data.map(card).join('');
	} catch (error) {
		summary.textContent = error.message;
	}
}

document.getElementById('handoffs').addEventListener('focusin', () => (typing = true));
document.getElementById('handoffs').addEventListener('focusout', () => (typing = false));
document.getElementById('handoffs').addEventListener('submit', async (event) => {
	event.preventDefault();
	const section = event.target.closest('.handoff');
	const error = section.querySelector('.error');
	try {
		await post(`/api/handoffs/${encodeURIComponent(section.dataset.ref)}/reply`, { text: event.target.text.value, consultant: consultant.value.trim() });
		event.target.text.value = '';
		typing = false;
		await refresh();
	} catch (e) {
		error.hidden = false;
		error.textContent = e.message;
	}
});
document.getElementById('handoffs').addEventListener('click', async (event) => {
	if (!event.target.closest('button.close')) return;
	const section = event.target.closest('.handoff');
	try {
		await post(`/api/handoffs/${encodeURIComponent(section.dataset.ref)}/close`);
		typing = false;
		await refresh();
	} catch (e) {
		section.querySelector('.error').hidden = false;
		section.querySelector('.error').textContent = e.message;
	}
});

refresh();
setInterval(refresh, 15000);
