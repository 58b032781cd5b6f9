// The console on a mock started with MOCK_ADMIN_TOKEN: the page asks for the token and the
// runs go through with it. Its own file: a different stack environment needs its own worker.
import { expect, test } from './console.fixtures.js';

// The browser reports the 401 that tells the page to ask for the token as a console error.
test.use({ stackEnv: { MOCK_ADMIN_TOKEN: 'console-secret' }, allowedConsoleErrors: [/status of 401/] });

test('asks for the admin token, keeps it for the tab and runs with it', async ({ consolePage }) => {
  const { page } = consolePage;
  await consolePage.open();
  const token = page.getByLabel('Admin token', { exact: true });
  await expect(token).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('MOCK_ADMIN_TOKEN');

  await token.fill('not-it');
  await token.press('Enter');
  await expect(token).toBeFocused();
  await expect(page.getByRole('alert')).toContainText('refused');

  await token.fill('console-secret');
  await token.press('Enter');
  await consolePage.run('forbidden');
  await expect(consolePage.takenBranch).toHaveAttribute('data-action', 'log_permission_error');

  await page.reload();
  await consolePage.waitForScenarios();
  await expect(token).toBeHidden();
});
