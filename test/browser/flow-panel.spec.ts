// "Use in your flow" in Chromium: the chosen scenario's action, its four downloads fetched
// through the console from the proxy's export route, and the branch table.
import { readFile } from 'node:fs/promises';
import { expect, test } from './console.fixtures.js';

test.describe('use in your flow', () => {
  test("offers the four downloads for the chosen scenario's action and the branch table", async ({ consolePage, stack }, testInfo) => {
    const { page } = consolePage;
    await consolePage.open('?scenario=rate-limited-then-success');
    await consolePage.waitForScenarios();

    const panel = page.getByRole('region', { name: 'Use in your flow' });
    await expect(panel).toBeVisible();
    await expect(panel.locator('#flow-action')).toHaveText('conversation-details');
    const buttons = panel.getByRole('button', { name: /^Download / });
    await expect(buttons).toHaveText(['Download architect', 'Download terraform', 'Download twilio', 'Download cxone']);

    const rows = panel.locator('.branch-table tbody tr');
    await expect(rows.locator('th')).toHaveText(['process_data', 'wait_and_retry', 'route_to_fallback', 'refresh_token', 'log_permission_error']);
    await expect(rows.filter({ hasText: 'wait_and_retry' })).toContainText('wait retry_after seconds');

    const files: Record<string, string> = {};
    for (const target of ['architect', 'terraform', 'twilio', 'cxone']) {
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: `Download ${target}` }).click()]);
      const path = await download.path();
      files[target] = await readFile(path, 'utf8');
      files[`${target}:name`] = download.suggestedFilename();
    }
    await expect(panel.locator('#flow-status')).toHaveText('conversation-details.cxone-snippet.txt downloaded.');

    expect(files['architect:name']).toBe('conversation-details.architect.json');
    const architect = JSON.parse(files.architect!);
    // The export points at the proxy this console runs through.
    expect(architect.config.request.requestUrlTemplate).toBe(`${stack.proxyUrl}/api/query`);
    expect(Object.keys(architect.config.response.translationMapDefaults)).toContain('retry_after');
    expect(files['terraform:name']).toBe('conversation-details.tf');
    expect(files.terraform).toContain('resource "genesyscloud_integration_action" "conversation_details"');
    expect(JSON.parse(files.twilio!).states.map((s: { name: string }) => s.name)).toContain('branch_on_action');
    expect(files.cxone).toContain('GetRESTProxy()');

    await page.evaluate(() => window.scrollTo(0, 0));
    await consolePage.screenshot('flow-panel', testInfo);
  });

  test("follows the scenario to another action's exports", async ({ consolePage, stack }) => {
    const { page } = consolePage;
    await consolePage.open();
    await consolePage.waitForScenarios();
    await consolePage.scenario.selectOption('queue-wait-time-throttled-then-answered');

    const panel = page.getByRole('region', { name: 'Use in your flow' });
    await expect(panel.locator('#flow-action')).toHaveText('queue-estimated-wait-time');
    await expect(panel.getByRole('button', { name: /^Download / })).toHaveCount(4);
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download architect' }).click()]);
    expect(download.suggestedFilename()).toBe('queue-estimated-wait-time.architect.json');
    const architect = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(architect.config.request.requestUrlTemplate).toBe(`${stack.proxyUrl}/api/actions/queue-estimated-wait-time`);
    expect(Object.keys(architect.contract.output.successSchema.properties)).toEqual(expect.arrayContaining(['action', 'estimated_wait_time_s', 'formula']));
  });
});
