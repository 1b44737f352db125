import { existsSync } from 'node:fs';

import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium, headless, with the flags that keep it from calling Google's services. */
export async function launchChromium(): Promise<Browser> {
	const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
	if (!executablePath) throw new Error('chromium is not installed; run "apt-get install chromium" (npm test installs it as root).');
	return chromium.launch({
		executablePath,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}
