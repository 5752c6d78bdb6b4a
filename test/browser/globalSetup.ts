/**
 * Once per `jest -c jest.browser.config.js` run: Chromium must be there (Debian's package; no
 * browser is downloaded), then the same preparation as the end-to-end tests (n8n installed, the
 * package packed, the mock provider compiled).
 */
import * as fs from 'fs';
import e2eGlobalSetup from '../e2e/globalSetup';
import { CHROMIUM } from './editor';

export default async function globalSetup(): Promise<void> {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(
			`The browser tests need Chromium at ${CHROMIUM}, which is missing. Install it with: bash scripts/install-system-deps.sh chromium (or apt-get install -y chromium as root; elsewhere set CHROMIUM_PATH), then run npm run test:browser again.`,
		);
	}
	await e2eGlobalSetup();
}
