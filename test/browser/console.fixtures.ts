// One stack (mock + proxy, as `npm start` wires them) per worker, and a `consolePage` that
// fails its test on any script error, console error or request leaving the mock.
import { test as base, expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startStack, type Stack } from '../../harness/stack.js';
import type { Env } from '../../common/env.js';

export class ConsolePage {
  constructor(
    readonly page: Page,
    readonly mockUrl: string,
  ) {}

  async open(query = ''): Promise<void> {
    const response = await this.page.goto(`${this.mockUrl}/console${query}`);
    expect(response?.status(), 'the mock serves /console (registerConsole in mock-genesys/server.ts)').toBe(200);
  }

  async waitForScenarios(): Promise<void> {
    await expect(this.scenario).toBeEnabled();
  }

  get scenario(): Locator {
    return this.page.getByLabel('Scenario', { exact: true });
  }

  get runButton(): Locator {
    return this.page.getByRole('button', { name: 'Run', exact: true });
  }

  get runStatus(): Locator {
    return this.page.locator('#run-status');
  }

  /** Picks a scenario, applies field edits (by label), presses Run and waits for the result. */
  async run(scenario: string, edits: Record<string, string> = {}): Promise<void> {
    await this.waitForScenarios();
    await this.scenario.selectOption(scenario);
    for (const [label, value] of Object.entries(edits)) await this.page.getByLabel(label, { exact: true }).fill(value);
    await this.runButton.click();
    await this.waitForRun(scenario);
  }

  async waitForRun(scenario: string): Promise<void> {
    await expect(this.runStatus).toHaveText(/^Done in /, { timeout: 30_000 });
    await expect(this.page.locator('#result')).toHaveAttribute('data-scenario', scenario);
  }

  get branchRegion(): Locator {
    return this.page.getByRole('region', { name: 'Branch the flow takes' });
  }

  /** The highlighted branch. */
  get takenBranch(): Locator {
    return this.branchRegion.locator('li[aria-current="true"]');
  }

  field(name: string): Locator {
    return this.branchRegion.locator(`dd[data-field="${name}"]`);
  }

  get timeline(): Locator {
    return this.page.locator('#timeline');
  }

  /** Timeline rows, optionally of one route ('token', 'analytics-query'). */
  calls(route?: string): Locator {
    return this.timeline.locator(route ? `li.timeline-row[data-route="${route}"]` : 'li.timeline-row');
  }

  /** A full-page screenshot kept with the test's results (test-results/browser/…/console-<name>.png). */
  async screenshot(name: string, testInfo: TestInfo): Promise<void> {
    const path = testInfo.outputPath(`console-${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    await testInfo.attach(`console-${name}`, { path, contentType: 'image/png' });
  }
}

interface WorkerFixtures {
  /** Extra environment for the stack (e.g. MOCK_ADMIN_TOKEN); a different value starts another worker. */
  stackEnv: Env;
  stack: Stack;
}

interface TestFixtures {
  /** Console messages of type error that a test expects (e.g. the browser's note on a 401). */
  allowedConsoleErrors: RegExp[];
  consolePage: ConsolePage;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stackEnv: [{}, { scope: 'worker', option: true }],
  stack: [
    async ({ stackEnv }, use) => {
      const stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', ...stackEnv } });
      try {
        await use(stack);
      } finally {
        await stack.close();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  allowedConsoleErrors: [[], { option: true }],
  consolePage: async ({ page, stack, allowedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !allowedConsoleErrors.some((allowed) => allowed.test(message.text()))) problems.push(`console error: ${message.text()}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${stack.mockUrl}/`) && !url.startsWith('data:')) problems.push(`request outside the mock: ${url}`);
    });
    await use(new ConsolePage(page, stack.mockUrl));
    expect(problems, 'script errors, console errors or outside requests on the console page').toEqual([]);
  },
});

export { expect };
