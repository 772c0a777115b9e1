import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; the browser tests never download one. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumMissing: string | false = fs.existsSync(CHROMIUM)
  ? false
  : `Chromium not found at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei): skipped`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

/** Where screenshots go, for a person to look at after a run. */
export const ARTIFACTS = path.resolve('.test-artifacts');
fs.mkdirSync(ARTIFACTS, { recursive: true });
export const shot = (name: string) => path.join(ARTIFACTS, `${name}.png`);

/** Serves an app on a free port of the loopback address; returns its base URL. */
export async function serve(app: { http: { listen(o: { port: number; host: string }): Promise<string>; server: { address(): unknown } } }): Promise<string> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address() as { port: number } | null;
  return `http://127.0.0.1:${address?.port ?? 0}`;
}

/** Signs in through the login page and waits for the layout. */
export async function signIn(page: import('playwright-core').Page, base: string, username: string, password = 'banklane-demo'): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('header-user').waitFor();
}
