// The flow console in Chromium against a real mock + proxy: a designer picks a fault, presses
// Run and sees the branch the flow takes and the attempts the proxy made.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './console.fixtures.js';

const run = promisify(execFile);

test.describe('running a scenario', () => {
  test('rate-limited-then-success: the timeline shows 429, 429, 200 and the flow takes process_data', async ({ consolePage }, testInfo) => {
    await consolePage.open();
    await consolePage.run('rate-limited-then-success');

    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'process_data');
    await expect(consolePage.takenBranch).toContainText('Taken');
    await expect(consolePage.branchRegion.locator('li.branch')).toHaveCount(6);
    await expect(consolePage.field('success')).toHaveText('true');
    await expect(consolePage.field('status_code')).toHaveText('200');
    await expect(consolePage.field('fallback_type')).toHaveText('none');

    const queries = consolePage.calls('analytics-query');
    await expect(queries.locator('.call-outcome')).toHaveText(['429', '429', '200']);
    await expect(consolePage.calls('token')).toHaveCount(1);
    // Retry-After: 1 — the proxy waits about a second after each 429.
    await expect(queries.nth(0).locator('.call-wait')).toHaveText(/^then (9\d\d ms|1\.\d s) until the next call$/);
    await expect(consolePage.timeline).toHaveAttribute('data-deadline-reached', 'false');

    const envelope = JSON.parse((await consolePage.page.locator('#envelope-json').textContent()) ?? '');
    expect(envelope).toMatchObject({ success: true, action: 'process_data', attempts: 3 });
    await expect(consolePage.page.locator('#curl')).toContainText("-H 'x-mock-scenario: rate-limited-then-success'");

    await consolePage.screenshot('rate-limited-then-success', testInfo);
  });

  test('forbidden: the flow takes log_permission_error after a single 403', async ({ consolePage }) => {
    await consolePage.open();
    await consolePage.run('forbidden');

    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'log_permission_error');
    await expect(consolePage.field('success')).toHaveText('false');
    await expect(consolePage.field('status_code')).toHaveText('403');
    await expect(consolePage.field('error_code')).toHaveText('missing_permissions');
    await expect(consolePage.field('retry_after')).toHaveText('—');
    await expect(consolePage.calls('analytics-query').locator('.call-outcome')).toHaveText(['403']);
    await expect(consolePage.page.locator('#expectation')).toHaveText('Matches what this scenario is designed to produce.');
  });

  test('upstream-hang: the hung attempts run into the deadline line and the flow routes to fallback on network_error', async ({ consolePage }, testInfo) => {
    await consolePage.open();
    await consolePage.run('upstream-hang');

    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'route_to_fallback');
    await expect(consolePage.field('fallback_type')).toHaveText('network_error');
    await expect(consolePage.field('status_code')).toHaveText('599');

    const hangs = consolePage.calls('analytics-query');
    await expect(hangs.first()).toHaveAttribute('data-fault', 'hang');
    await expect(hangs.last().locator('.call-outcome')).toHaveText('hang');
    await expect(consolePage.timeline).toHaveAttribute('data-deadline-reached', 'true');
    await expect(consolePage.page.locator('#timeline-summary')).toContainText('deadline 8.0 s, reached');

    // Drawn: the last hung call's bar ends at the deadline line.
    const deadline = await consolePage.timeline.locator('.guide.deadline').boundingBox();
    const lastBar = await hangs.last().locator('.bar').boundingBox();
    const axis = await consolePage.timeline.locator('.axis').boundingBox();
    expect(deadline && lastBar && axis).toBeTruthy();
    expect(Math.abs(lastBar!.x + lastBar!.width - deadline!.x)).toBeLessThan(axis!.width * 0.03);

    await consolePage.screenshot('upstream-hang', testInfo);
  });

  test('a request the proxy refuses (4xx) takes the Failure path, as Architect and Twilio do, and no upstream call is made', async ({ consolePage }, testInfo) => {
    await consolePage.open();
    await consolePage.run('happy-path', { 'Deadline (ms)': '10' });

    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'failure');
    await expect(consolePage.takenBranch).toContainText('Failure path');
    await expect(consolePage.branchRegion.locator('li.branch[data-action="route_to_fallback"]')).not.toHaveAttribute('aria-current', 'true');
    await expect(consolePage.page.locator('#answer-note')).toHaveAttribute('data-answer', 'failure');
    await expect(consolePage.page.locator('#answer-note')).toContainText('HTTP 400');
    await expect(consolePage.page.locator('#answer-note')).toContainText('deadline_ms');
    await expect(consolePage.runStatus).toHaveText(/: Failure path \(HTTP 400\)\.$/);
    await expect(consolePage.field('fallback_type')).toHaveText('invalid_request');
    await expect(consolePage.field('http_status')).toHaveText('400');
    await expect(consolePage.calls()).toHaveText(['The proxy made no upstream call.']);
    await consolePage.screenshot('failure-path', testInfo);
  });

  test('a truncated success takes process_data and is shown as partial, with the counts', async ({ consolePage }) => {
    await consolePage.open();
    await consolePage.run('happy-path', { 'Page size': '2', 'Max pages': '1' });

    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'process_data');
    await expect(consolePage.takenBranch).toHaveAttribute('data-answer', 'partial');
    await expect(consolePage.takenBranch.locator('.branch-badge')).toHaveText('Taken · partial');
    await expect(consolePage.page.locator('#answer-note')).toContainText(/Partial data: 2 of \d+ records/);
  });

  test('a stale answer from the cache takes process_data and is shown as stale', async ({ consolePage, stack }) => {
    // The proxy serves stale answers for flow actions; the page's reading of one is pinned here
    // with the run API's answer replaced by such an envelope.
    await consolePage.page.route(`${stack.mockUrl}/console/api/run`, (route) =>
      route.fulfill({
        json: {
          scenario: 'happy-path', session: 's', request: {}, httpStatus: 200,
          envelope: { success: true, status_code: 200, fallback_type: 'none', action: 'process_data', cache: 'stale', stale: true, age_ms: 90_000, truncated: false, attempts: 4, elapsed_ms: 900, correlation_id: 'c' },
          elapsedMs: 900, startedAt: new Date().toISOString(), journal: [], mismatches: [], passed: true, deadline_ms: 8000, curl: 'curl …',
        },
      }),
    );
    await consolePage.open();
    await consolePage.run('happy-path');

    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'process_data');
    await expect(consolePage.takenBranch.locator('.branch-badge')).toHaveText('Taken · stale');
    await expect(consolePage.page.locator('#answer-note')).toHaveText('Stale answer 90 s old: Genesys failed and the proxy served its last good data from the cache.');
  });
});

test.describe('on a laptop screen (1280×800)', () => {
  test('opens on happy-path with Run visible without scrolling', async ({ consolePage }, testInfo) => {
    await consolePage.open();
    await consolePage.waitForScenarios();
    await expect(consolePage.scenario).toHaveValue('happy-path');
    await expect(consolePage.runButton).toBeInViewport({ ratio: 1 });
    expect(await consolePage.page.evaluate(() => window.scrollY)).toBe(0);
    await consolePage.screenshot('laptop', testInfo);
  });
});

test.describe('the request form', () => {
  test('shows each scenario with its description and the request it sends, edits included', async ({ consolePage }) => {
    await consolePage.open();
    await consolePage.waitForScenarios();
    await consolePage.scenario.selectOption('forbidden');
    await expect(consolePage.page.locator('#scenario-description')).toContainText('missing.permissions');
    await expect(consolePage.page.getByLabel('Deadline (ms)', { exact: true })).toHaveValue('8000');

    await consolePage.page.getByLabel('Queue IDs', { exact: true }).fill('q-1, q-2');
    await consolePage.page.getByText('Request body sent to the proxy').click();
    const body = JSON.parse((await consolePage.page.locator('#request-preview').textContent()) ?? '');
    expect(body).toMatchObject({ queue_ids: ['q-1', 'q-2'], deadline_ms: 8000 });

    await consolePage.page.getByText('All scenarios').click();
    await expect(consolePage.page.locator('#scenario-catalog dt')).toContainText(['forbidden', 'rate-limited-then-success', 'upstream-hang']);
  });

  test('opens on the scenario the address names, and names the chosen one in the address', async ({ consolePage, stack }) => {
    await consolePage.open('?scenario=upstream-hang');
    await consolePage.waitForScenarios();
    await expect(consolePage.scenario).toHaveValue('upstream-hang');
    await expect(consolePage.page.locator('#proxy-note')).toContainText(stack.proxyUrl);
    await consolePage.scenario.selectOption('forbidden');
    await expect(consolePage.page).toHaveURL(/\/console\?scenario=forbidden$/);
  });

  test('works from the keyboard alone, with a visible focus ring', async ({ consolePage }) => {
    const { page } = consolePage;
    await consolePage.open();
    await consolePage.waitForScenarios();
    await consolePage.scenario.focus();
    await page.keyboard.type('forbidden');
    await expect(consolePage.scenario).toHaveValue('forbidden');

    for (let presses = 0; presses < 20; presses++) {
      if (await consolePage.runButton.evaluate((button) => button === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(consolePage.runButton).toBeFocused();
    const outline = await consolePage.runButton.evaluate((button) => getComputedStyle(button).outlineStyle);
    expect(outline).not.toBe('none');

    await page.keyboard.press('Enter');
    await consolePage.waitForRun('forbidden');
    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'log_permission_error');
    await expect(page.getByRole('heading', { name: 'Result' })).toBeFocused();
  });
});

test.describe('copying', () => {
  test('copies the envelope, and the copied curl command gets the same answer from the proxy', async ({ consolePage, context, stack }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.mockUrl });
    const { page } = consolePage;
    await consolePage.open();
    await consolePage.run('forbidden');

    await page.getByRole('button', { name: 'Copy envelope' }).click();
    await expect(page.locator('#copy-status')).toHaveText('Envelope copied.');
    const envelope = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(envelope).toMatchObject({ action: 'log_permission_error', status_code: 403 });

    await page.getByRole('button', { name: 'Copy curl' }).click();
    await expect(page.locator('#copy-status')).toHaveText('curl command copied.');
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain(`${stack.proxyUrl}/api/query`);
    const { stdout } = await run('sh', ['-c', curl]);
    expect(JSON.parse(stdout)).toMatchObject({ action: 'log_permission_error', error_code: 'missing_permissions' });
  });
});

test.describe('on a narrow window', () => {
  test.use({ viewport: { width: 400, height: 800 } });

  test('the page fits without sideways scrolling and still shows the branch and the attempts', async ({ consolePage }, testInfo) => {
    await consolePage.open();
    await consolePage.run('rate-limited-then-success');
    await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'process_data');
    await expect(consolePage.calls('analytics-query')).toHaveCount(3);
    const overflow = await consolePage.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await consolePage.screenshot('narrow', testInfo);
  });
});
