/// <reference lib="dom" />
/**
 * Driving n8n's editor in Chromium (playwright-core, Debian's /usr/bin/chromium). The panel state
 * is read from the DOM through n8n's own `data-test-id` attributes and `data-parameter-path`
 * (editor-ui: ParameterInputList renders each parameter as `parameter-item`, each input as
 * `parameter-input-<name>` inside `data-parameter-path="parameters.<path>"`, each issue marker as
 * `parameter-issues`; the node search as `node-creator-*`; the canvas as `canvas-node`).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
	chromium,
	selectors,
	type BrowserContext,
	type Locator,
	type Page,
	type Request,
} from 'playwright-core';

/** Debian's Chromium, or wherever CHROMIUM_PATH points (scripts/install-system-deps.sh checks the same path). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** What the parameter panel shows, top-level parameters in their order. */
export interface PanelState {
	/** Parameter names as rendered, top level, in order; `@credential` where the credential picker is, `@notice` for a notice. */
	order: string[];
	/** Every rendered input's parameter path, nested ones included (`buttons.button[0].id`). */
	paths: string[];
	/** Top-level parameters (or `@credential`) that carry an issue marker. */
	issues: string[];
}

export interface Browser {
	context: BrowserContext;
	page: Page;
	/** Console errors and uncaught page errors, as text. */
	errors: string[];
	close(): Promise<void>;
}

export async function launchBrowser(baseUrl: string, authCookie: string): Promise<Browser> {
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wai-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: ARGS,
		viewport: { width: 1440, height: 1200 },
	});
	await context.addCookies([{ name: 'n8n-auth', value: authCookie, url: baseUrl }]);
	// Counts what a person does in the page (clicks, keys, typing, leaving a field), so that
	// Editor.settle() waits only after something was done since it last waited.
	await context.addInitScript(() => {
		const w = window as unknown as { __waiActs?: string };
		const page = Math.random().toString(36).slice(2);
		let acts = 0;
		w.__waiActs = `${page}:0`;
		for (const type of ['pointerdown', 'click', 'keydown', 'input', 'change', 'focusout', 'drop'])
			window.addEventListener(type, () => (w.__waiActs = `${page}:${++acts}`), true);
	});
	const page = context.pages()[0] ?? (await context.newPage());
	const errors: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') errors.push(`${msg.text()} @ ${msg.location().url}`);
	});
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}\n${error.stack ?? ''}`));
	return {
		context,
		page,
		errors,
		async close() {
			await context.close();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** POST /rest/login; returns the `n8n-auth` cookie value. */
export async function loginCookie(
	baseUrl: string,
	email: string,
	password: string,
): Promise<string> {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	const cookie = /n8n-auth=([^;]+)/.exec(res.headers.get('set-cookie') ?? '');
	if (!res.ok || !cookie) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
	return cookie[1];
}

export class Editor {
	/** The editor's option-list loads (`/rest/dynamic-node-parameters/…`) not answered yet. */
	private readonly loading = new Set<Request>();
	/** The page's count of things done (`page:count`) when settle() last finished waiting. */
	private settledAt: string | undefined;

	constructor(
		readonly page: Page,
		readonly baseUrl: string,
	) {
		page.on('request', (request) => {
			if (request.url().includes('/dynamic-node-parameters/')) this.loading.add(request);
		});
		const done = (request: Request) => this.loading.delete(request);
		page.on('requestfinished', done);
		page.on('requestfailed', done);
	}

	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/${id}`);
		await this.page.getByTestId('canvas-node').first().waitFor({ timeout: 90000 });
	}

	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.baseUrl}/workflow/new`);
		await this.page.getByTestId('canvas-plus-button').waitFor({ timeout: 90000 });
	}

	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	async openNode(name: string): Promise<void> {
		await this.canvasNode(name).dblclick();
		await this.ndv.waitFor();
		await this.params.waitFor();
	}

	async closeNode(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'detached' });
	}

	get ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	get params(): Locator {
		return this.ndv.getByTestId('node-parameters');
	}

	/** The panel as rendered now (after the editor settled). */
	async panel(): Promise<PanelState> {
		await this.settle();
		return this.params.evaluate((root) => {
			const list = root.querySelector('.parameter-input-list-wrapper');
			const items = list
				? Array.from(list.children).filter(
						(e) => e.getAttribute('data-test-id') === 'parameter-item',
					)
				: [];
			const order: string[] = [];
			const issues: string[] = [];
			const nameOf = (item: Element): string[] => {
				const names: string[] = [];
				if (item.querySelector('[data-test-id="credentials-label"]')) names.push('@credential');
				const label = item.querySelector(':scope label[for]');
				if (label) names.push(label.getAttribute('for') as string);
				else if (item.querySelector('.n8n-notice, [class*="notice"]') && !names.length)
					names.push('@notice');
				return names;
			};
			for (const item of items) {
				const names = nameOf(item);
				order.push(...names);
				const markers = Array.from(
					item.querySelectorAll(
						'[data-test-id="parameter-issues"], .has-issues, [data-icon="triangle-alert"], svg.lucide-triangle-alert',
					),
				);
				// The credential picker is rendered inside the item it stands above.
				const select = item.querySelector('[data-test-id="node-credentials-select"]');
				let credentialBox: Element | null = select;
				while (credentialBox && !credentialBox.querySelector('[data-test-id="credentials-label"]'))
					credentialBox = credentialBox.parentElement;
				for (const marker of markers) {
					const owner =
						credentialBox && credentialBox.contains(marker)
							? '@credential'
							: (names.filter((n) => n !== '@credential').pop() ?? '?');
					if (!issues.includes(owner)) issues.push(owner);
				}
			}
			const paths = Array.from(root.querySelectorAll('[data-parameter-path]'))
				.map((e) => (e.getAttribute('data-parameter-path') as string).replace(/^parameters\./, ''))
				.filter((p, i, all) => all.indexOf(p) === i);
			return { order, paths, issues };
		});
	}

	/** Top-level parameter names shown (credential and notices left out). */
	async shown(): Promise<string[]> {
		return (await this.panel()).order.filter((n) => !n.startsWith('@'));
	}

	input(name: string): Locator {
		return this.params.locator(`[data-parameter-path="parameters.${name}"]`).first();
	}

	/** The text an options parameter shows (its selected option's name). */
	async valueOf(name: string): Promise<string> {
		const input = this.input(name).locator('input').first();
		const value = await input.inputValue().catch(() => '');
		if (value) return value;
		return (await this.input(name).innerText()).trim();
	}

	/** Opens an options parameter's dropdown and returns the option names offered. */
	async optionsOf(name: string): Promise<string[]> {
		const items = await this.open(this.input(name));
		const names = await optionNames(items);
		await this.page.keyboard.press('Escape');
		await this.settle();
		return names;
	}

	async select(name: string, option: string): Promise<void> {
		const items = await this.open(this.input(name));
		const names = await optionNames(items);
		const index = names.indexOf(option);
		if (index < 0)
			throw new Error(`${name} offers no "${option}"; it offers ${JSON.stringify(names)}`);
		await items.nth(index).click();
		await this.settle();
	}

	/**
	 * Opens the dropdown of a select (an options parameter, the credential picker) and returns its
	 * items: those of the list its input controls (`aria-controls`), not of another one still fading out.
	 */
	async open(select: Locator): Promise<Locator> {
		// A list still loading (its options reloaded after a change it depends on) can stay closed or
		// be replaced while opening: once more after a pause then.
		for (let attempt = 1; ; attempt++) {
			const input = select.locator('input[aria-controls]').first();
			await select.click();
			const list = await input.getAttribute('aria-controls');
			const items = list
				? this.page.locator(`[id="${list}"] .el-select-dropdown__item`)
				: this.page.locator('.el-select-dropdown__item:visible');
			try {
				await items.first().waitFor({ timeout: attempt === 1 ? 10000 : 30000 });
			} catch (error) {
				if (attempt > 1) throw error;
				await this.page.keyboard.press('Escape');
				await this.page.waitForTimeout(1500);
				continue;
			}
			await this.page.waitForTimeout(250); // the dropdown's opening transition
			return items;
		}
	}

	async fill(name: string, value: string): Promise<void> {
		const field = this.input(name).locator('input, textarea').first();
		await field.fill(value);
		await field.blur();
		await this.settle();
	}

	/** Fills a text field when it is shown and empty. */
	async fillIfEmpty(name: string, value: string): Promise<void> {
		const field = this.input(name).locator('input, textarea').first();
		if ((await field.count()) === 0) return;
		if ((await field.inputValue()) === '') await this.fill(name, value);
	}

	/** `Add Button` / `Add Row` of a fixed collection. */
	async addEntry(collection: string): Promise<void> {
		await this.params
			.locator(
				`[data-test-id="parameter-item"]:has(> div label[for="${collection}"]), [data-test-id="parameter-item"]:has(label[for="${collection}"])`,
			)
			.first()
			.getByTestId('fixed-collection-add')
			.click();
		await this.settle();
	}

	/** Number of entries a fixed collection shows. */
	async entries(collection: string, entry: string): Promise<number> {
		const paths = (await this.panel()).paths.filter((p) => p.startsWith(`${collection}.${entry}[`));
		return new Set(paths.map((p) => /\[(\d+)\]/.exec(p)![1])).size;
	}

	async removeEntry(collection: string, index: number): Promise<void> {
		const item = this.params
			.locator(`[data-test-id="parameter-item"]:has(label[for="${collection}"])`)
			.first();
		const rows = item.locator('[data-draggable="true"]');
		const row = rows.nth(index);
		await row.hover();
		await row.getByTestId('fixed-collection-delete').first().click();
		await this.settle();
	}

	/**
	 * Waits for the editor's throttled re-render after a change, and for option lists still loading.
	 * Nothing done in the page since it last waited (the same page, no click, key or input since)
	 * and no list loading: the editor has nothing to re-render, and it returns at once.
	 */
	async settle(): Promise<void> {
		const acts = await this.acts();
		if (acts && acts === this.settledAt && !this.loading.size) return;
		await this.page.waitForTimeout(350);
		await this.waitForLists();
		this.settledAt = await this.acts();
	}

	/** What the page counted (launchBrowser's init script), or undefined while it navigates. */
	private async acts(): Promise<string | undefined> {
		return this.page
			.evaluate(() => (window as unknown as { __waiActs?: string }).__waiActs)
			.catch(() => undefined);
	}

	private async waitForLists(): Promise<void> {
		if (!this.loading.size) return;
		// A list still loading (the editor reloads one after a change of provider, operation or
		// credential): its answer re-renders the field, and one that lands late can replace what a
		// test has read or chosen by then.
		for (let waited = 0; this.loading.size && waited < 30000; waited += 100)
			await this.page.waitForTimeout(100);
		await this.page.waitForTimeout(350);
	}
}

/** The names of a dropdown's options (an option's description left out). */
async function optionNames(items: Locator): Promise<string[]> {
	return items.evaluateAll((els) =>
		els.map((el) =>
			((el.querySelector('.option-headline, [class*="headline"]') ?? el).textContent ?? '').trim(),
		),
	);
}
