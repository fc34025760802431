import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { repositoryRoot } from '@parity/local-stack';
import { eventually } from '@parity/testing';
import { API_KEYS, feedFixture, FeedFixture } from './feed-fixture';
import { iso } from './scenario';

const ARTIFACTS = resolve(repositoryRoot(), 'test-artifacts', 'feed');
const HOUR = 3_600_000;

describe('web dashboard in headless Chromium', () => {
  let f: FeedFixture;
  let browser: Browser;
  let page: Page;
  // Every request the page made, in order, to count what it asks the feed for.
  const requests: { method: string; path: string }[] = [];
  const requestsSince = (from: number, path: string) => requests.slice(from).filter((request) => request.path.startsWith(path));
  const shot = (name: string) => page.screenshot({ path: resolve(ARTIFACTS, name), fullPage: true });

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    f = await feedFixture();
    // Something on the board before the page opens: a scheduled dead end, days ahead.
    await f.publish('products', 'eshop', { sku: 'SKU-BF', name: 'TV 65', category: 'tv' }, { time: iso(-5 * HOUR) });
    await f.publish('prices', 'eshop', { sku: 'SKU-BF', amount: '3999.00', currency: 'PLN' }, { time: iso(-3 * HOUR) });
    await f.publish('prices', 'store/WAW-007', { sku: 'SKU-BF', amount: '3999.00', currency: 'PLN' }, { time: iso(-3 * HOUR) });
    await f.publish('prices', 'eshop', { sku: 'SKU-BF', amount: '2999.00', currency: 'PLN', effectiveFrom: iso(3 * 24 * HOUR), effectiveTo: iso(6 * 24 * HOUR) }, { time: iso(-2 * HOUR) });
    await f.finding('the scheduled SKU-BF mismatch', 'sku=SKU-BF', (x) => x.rule === 'price-mismatch');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', (request) => {
      const url = new URL(request.url());
      requests.push({ method: request.method(), path: url.pathname + url.search });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await f.close();
  });

  it('signs in with an API key', async () => {
    await page.goto(f.base);
    await page.waitForSelector('#sign-in-form', { state: 'visible' });
    await page.fill('#credential', 'not-a-key-0123456789');
    await page.click('#sign-in-form button[type=submit]');
    await page.locator('#sign-in-error', { hasText: 'api-key-unknown' }).waitFor();
    await shot('1-sign-in-refused.png');
    await page.fill('#credential', API_KEYS.ops);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#live.on');
    expect(await page.textContent('#who')).toBe('ops-bot (ops)');
    expect(await page.isVisible('#sign-in')).toBe(false);
    await page.waitForSelector('#lane-upcoming li.finding');
    expect(await page.textContent('#lane-upcoming')).toMatch(/SKU-BF[\s\S]*impact in (2d 23h|3d 0h)/);
  });

  it('shows a finding published to Kafka without reload, within a second of its publication', async () => {
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    await f.publish('prices', 'eshop', { sku: 'SKU-LIVE', amount: '129.99', currency: 'PLN' }, { time: iso(-2 * HOUR) });
    await f.publish('prices', 'store/WAW-007', { sku: 'SKU-LIVE', amount: '139.99', currency: 'PLN' }, { time: iso(-HOUR) });
    const card = await page.waitForSelector('#lane-now li.finding:has-text("SKU-LIVE")', { timeout: 30_000 });
    const id = (await card.getAttribute('data-finding-id'))!;
    const arrivedAt = await page.evaluate((key) => (globalThis as unknown as { __parity: { arrivals: Record<string, number> } }).__parity.arrivals[key], `${id}:1`);
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const published = await eventually('the opened change on parity.findings.v1', async () =>
      f.findingsOnKafka.messages.find((m) => m.key?.toString() === id && m.value?.toString().includes('parity.finding.opened.v1')),
    );
    const committedAt = (await f.pipeline.database.admin.query<{ at: Date }>('SELECT committed_at AS at FROM finding_changes WHERE finding_id = $1 AND version = 1', [id])).rows[0]!.at.getTime();
    const sincePublication = arrivedAt! - Number(published.timestamp);
    const sinceCommit = arrivedAt! - committedAt;
    process.stdout.write(`[dashboard] finding ${id} on the page ${sincePublication} ms after its publication on Kafka, ${sinceCommit} ms after its commit\n`);
    expect(sincePublication).toBeLessThan(1000);
    expect(sinceCommit).toBeLessThan(1000);
    expect(await card.getAttribute('data-status')).toBe('open');
    expect(await card.textContent()).toContain('store/WAW-007 139.99 PLN');
    await page.locator('[data-count="total"] b', { hasText: /^[2-9]$/ }).waitFor();
    await shot('2-live-finding-arrived.png');
  });

  it('acknowledges it and sees the status change arrive over the stream', async () => {
    const card = page.locator('#lane-now li.finding:has-text("SKU-LIVE")');
    await card.locator('button[data-action="acknowledge"]').click();
    await page.waitForSelector('#lane-now li.finding[data-status="acknowledged"]:has-text("SKU-LIVE")', { timeout: 30_000 });
    expect(await card.textContent()).toContain('acknowledged by ops-bot');
    await shot('3-acknowledged.png');
  });

  it('suppresses the upcoming one with a reason, and refuses to send one without', async () => {
    const card = page.locator('#lane-upcoming li.finding:has-text("SKU-BF")');
    const before = requests.length;
    await card.locator('button[data-action="suppress"]').click();
    await page.locator('#filter-error', { hasText: 'a reason is needed to suppress' }).waitFor();
    // The acknowledgement's notice is replaced, not left beside the error; nothing was sent.
    expect(await page.textContent('#notice')).toBe('');
    expect(requestsSince(before, '/api/findings/').filter((request) => request.method === 'POST')).toEqual([]);
    await shot('3b-suppress-without-reason.png');
    await card.locator('input[name="reason"]').fill('Black Friday price goes to stores on Wednesday');
    await card.locator('button[data-action="suppress"]').click();
    await page.locator('#notice', { hasText: 'suppress recorded' }).waitFor();
    expect(await page.textContent('#filter-error')).toBe('');
    await page.waitForSelector('#lane-upcoming li.finding[data-status="suppressed"]:has-text("SKU-BF")', { timeout: 30_000 });
    expect(await card.textContent()).toContain('Black Friday price goes to stores on Wednesday');
  });

  it('opens the detail with evidence and the SKU timeline chart, one lane per channel', async () => {
    await page.locator('#lane-now li.finding:has-text("SKU-LIVE") button:has-text("Details")').click();
    await page.waitForSelector('#detail #timeline svg');
    const detail = await page.textContent('#detail');
    expect(detail).toContain('Evidence');
    expect(detail).toContain('retail.price.set.v1');
    expect(detail).toContain('acknowledged.v1');
    const lanes = await page.$$eval('#timeline svg text.lane-label', (labels) => labels.map((label) => label.textContent));
    expect(lanes).toEqual(['findings', 'eshop', 'store/WAW-007']);
    expect(await page.$$eval('#timeline svg rect.finding-band', (bands) => bands.length)).toBe(1);
    expect(await page.$$eval('#timeline svg rect.finding-bar.selected', (bars) => bars.length)).toBe(1);
    expect(await page.$$eval('#timeline svg circle.mark', (marks) => marks.map((mark) => mark.textContent))).toEqual([
      expect.stringMatching(/price: 129\.99 PLN$/),
      expect.stringMatching(/price: 139\.99 PLN$/),
    ]);
    await shot('4-detail.png');
    await page.locator('#timeline').screenshot({ path: resolve(ARTIFACTS, '5-sku-timeline.png') });
  });

  it('drops a finding from the open list when its channels converge, without reload', async () => {
    await page.goto(f.base);
    await page.waitForSelector('#lane-now li.finding:has-text("SKU-LIVE")');
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    // The list shows open, acknowledged and suppressed findings: the resolution must still reach it.
    await f.publish('prices', 'store/WAW-007', { sku: 'SKU-LIVE', amount: '129.99', currency: 'PLN' }, { time: iso(-HOUR / 2) });
    await page.waitForSelector('#lane-now li.finding:has-text("SKU-LIVE")', { state: 'detached', timeout: 30_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('shows resolved findings as resolved when asked for them, and the upcoming lane still loads', async () => {
    await page.check('#filters input[value="resolved"]');
    await page.click('#filters button[type=submit]');
    const resolved = page.locator('#lane-now li.finding[data-status="resolved"]:has-text("SKU-LIVE")');
    await resolved.waitFor();
    expect(await resolved.locator('.impact').textContent()).toMatch(/^resolved \d+m ago$/);
    await page.waitForSelector('#lane-upcoming li.finding:has-text("SKU-BF")');
    await shot('6b-with-resolved.png');
    await page.uncheck('#filters input[value="resolved"]');
    await page.click('#filters button[type=submit]');
    await resolved.waitFor({ state: 'detached' });
  });

  it('opens what an alert links to: a filtered list, and one finding in detail', async () => {
    await page.goto(`${f.base}/findings?sku=SKU-BF&status=suppressed`);
    await page.waitForSelector('#lane-upcoming li.finding[data-status="suppressed"]:has-text("SKU-BF")');
    expect(await page.inputValue('#filters input[name="sku"]')).toBe('SKU-BF');
    expect(await page.locator('#lane-now li.finding:has-text("SKU-LIVE")').count()).toBe(0);
    const live = await page.locator('#lane-upcoming li.finding:has-text("SKU-BF")').getAttribute('data-finding-id');
    await page.goto(`${f.base}/findings/${live}`);
    await page.waitForSelector('#detail:not([hidden]) h2:has-text("SKU-BF")');
  });

  it('reopens the suppressed one and assigns it, from its card', async () => {
    await page.goto(f.base);
    const card = page.locator('#lane-upcoming li.finding:has-text("SKU-BF")');
    await page.waitForSelector('#lane-upcoming li.finding[data-status="suppressed"]:has-text("SKU-BF")');
    await card.locator('button[data-action="reopen"]').click();
    await page.waitForSelector('#lane-upcoming li.finding[data-status="open"]:has-text("SKU-BF")', { timeout: 30_000 });
    // Open again: nothing to reopen, so the button is gone.
    expect(await card.locator('button[data-action="reopen"]').count()).toBe(0);
    await card.locator('button[data-action="assign"]').click();
    await page.locator('#filter-error', { hasText: 'an assignee is needed to assign' }).waitFor();
    await card.locator('input[name="assignee"]').fill('pricing-team');
    await card.locator('button[data-action="assign"]').click();
    await page.locator('#notice', { hasText: 'assign recorded' }).waitFor();
    await page.waitForSelector('#lane-upcoming li.finding:has-text("assigned pricing-team")', { timeout: 30_000 });
  });

  it('shows why a filter is refused, clears the list, and does not retry the stream until the filter changes', async () => {
    await page.goto(f.base);
    await page.waitForSelector('#live.on');
    await page.waitForSelector('#lane-upcoming li.finding:has-text("SKU-BF")');
    const before = requests.length;
    await page.fill('#filters input[name="store"]', 'store/WAW-001');
    await page.click('#filters button[type=submit]');
    await page.locator('#filter-error', { hasText: /^invalid-parameter: store: / }).waitFor();
    await page.waitForTimeout(4000);
    expect(requestsSince(before, '/api/stream').length).toBeLessThanOrEqual(1);
    expect(await page.locator('#lanes li.finding').count()).toBe(0);
    expect(await page.textContent('#lanes')).toContain('not loaded: the filter was refused');
    expect(await page.textContent('#live')).not.toContain('reconnecting');
    await shot('7-filter-refused.png');
    await page.fill('#filters input[name="store"]', '');
    await page.click('#filters button[type=submit]');
    await page.waitForSelector('#lane-upcoming li.finding:has-text("SKU-BF")');
    await page.waitForSelector('#live.on');
    expect(await page.textContent('#filter-error')).toBe('');
  });

  it('says signed out after Sign out, even with a counts refresh pending', async () => {
    await page.goto(f.base);
    await page.waitForSelector('#live.on');
    // A change on the stream schedules a counts refresh 500 ms later: sign out before it runs.
    await f.publish('prices', 'eshop', { sku: 'SKU-OUT', amount: '49.99', currency: 'PLN' }, { time: iso(-2 * HOUR) });
    await f.publish('prices', 'store/WAW-007', { sku: 'SKU-OUT', amount: '59.99', currency: 'PLN' }, { time: iso(-HOUR) });
    await page.waitForSelector('#lane-now li.finding:has-text("SKU-OUT")', { timeout: 30_000 });
    const before = requests.length;
    await page.click('#sign-out');
    await page.locator('#sign-in-error', { hasText: 'signed out' }).waitFor();
    await page.waitForTimeout(1500);
    expect(await page.textContent('#sign-in-error')).toBe('signed out');
    expect(requestsSince(before, '/api/').map((request) => `${request.method} ${request.path}`)).toEqual(['DELETE /api/session']);
    await shot('8-signed-out.png');
  });

  it('asks to sign in again, in plain words, when the session ends under the page', async () => {
    await page.fill('#credential', API_KEYS.ops);
    await page.click('#sign-in-form button[type=submit]');
    await page.waitForSelector('#live.on');
    await page.evaluate(() => fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' }));
    await page.click('#filters button[type=submit]');
    await page.waitForSelector('#sign-in-form', { state: 'visible' });
    expect(await page.textContent('#sign-in-error')).toBe('your session has ended: sign in again');
  });

  // Headless Chromium asks for no favicon either way; a desktop browser asks for /favicon.ico (a 404
  // on every load) unless the page names an icon, which the page's CSP must then allow (img-src data:).
  it('names an inline icon, so a browser does not ask for /favicon.ico', async () => {
    expect(await page.$eval('link[rel="icon"]', (link) => link.getAttribute('href'))).toMatch(/^data:/);
    expect(requests.filter((request) => request.path === '/favicon.ico')).toEqual([]);
  });
});
