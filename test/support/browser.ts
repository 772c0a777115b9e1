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
