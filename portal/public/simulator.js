// The chat talks only to the portal server, which signs webhooks like Twilio and reads replies back.
const chat = document.getElementById('chat');
const problem = document.getElementById('problem');
const phoneInput = document.getElementById('phone');
const nameInput = document.getElementById('name');
const textInput = document.getElementById('text');
let shown = '';

const TICKS = { queued: '🕓', accepted: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠', undelivered: '⚠' };

function time(iso) {
	return new Date(iso).toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit' });
}

function showProblem(text) {
	problem.textContent = text || '';
	problem.hidden = !text;
}

function render(messages) {
	const signature = JSON.stringify(messages.map((m) => [m.sid, m.status]));
	if (signature === shown) return;
	shown = signature;
	chat.replaceChildren(
		...messages.map((m) => {
			const bubble = document.createElement('div');
			bubble.className = `bubble ${m.direction}`;
			bubble.dataset.sid = m.sid;
			for (const url of m.media || []) {
				const item = /\.(png|jpe?g|gif|webp)(\?|$)/i.test(url) ? Object.assign(document.createElement('img'), { src: url, alt: '', className: 'media' }) : Object.assign(document.createElement('a'), { href: url, textContent: `📎 ${url}`, target: '_blank', rel: 'noopener' });
				bubble.append(item);
			}
			bubble.append(document.createTextNode(m.body));
			if (m.buttons.length) {
				const buttons = document.createElement('div');
				buttons.className = 'buttons';
				m.buttons.forEach((title, i) => {
					const button = document.createElement('button');
					button.type = 'button';
					button.textContent = title;
					button.addEventListener('click', () => send(title, m.buttonIds?.[i] ?? `option_${i + 1}`));
					buttons.append(button);
				});
				bubble.append(buttons);
			}
			const meta = document.createElement('span');
			meta.className = 'meta';
			meta.textContent = time(m.at);
			if (m.direction === 'out') {
				const ticks = document.createElement('span');
				ticks.className = `ticks ${m.status}`;
				ticks.title = m.errorCode ? `${m.status} (${m.errorCode})` : m.status;
				ticks.textContent = ` ${TICKS[m.status] || ''}`;
				meta.append(ticks);
			}
			bubble.append(meta);
			return bubble;
		}),
	);
	chat.scrollTop = chat.scrollHeight;
}

async function refresh() {
	try {
		const response = await fetch(`/api/simulator/messages?phone=${encodeURIComponent(phoneInput.value.trim())}`);
		const body = await response.json();
		if (!response.ok) return showProblem(body.error);
		showProblem('');
		render(body);
	} catch {
		showProblem('Portal sem resposta / The portal is not answering.');
	}
}

async function send(text, buttonPayload, voice = false) {
	const response = await fetch('/api/simulator/messages', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ phone: phoneInput.value.trim(), name: nameInput.value.trim(), text, buttonPayload, voice }),
	});
	const body = await response.json();
	if (!response.ok) return showProblem(body.error);
	showProblem('');
	await refresh();
}

document.getElementById('compose').addEventListener('submit', async (event) => {
	event.preventDefault();
	const text = textInput.value;
	if (!text.trim()) return;
	textInput.value = '';
	await send(text);
});
// 🎤: the typed text goes as a voice note that "says" it (the OpenAI stand-in transcribes it back).
document.getElementById('voice').addEventListener('click', async () => {
	const text = textInput.value;
	if (!text.trim()) return;
	textInput.value = '';
	await send(text, undefined, true);
});
phoneInput.addEventListener('change', () => {
	shown = '';
	refresh();
});
refresh();
setInterval(refresh, 1000);
