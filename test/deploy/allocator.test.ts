// The image fixes glibc's malloc thresholds (README, "Memory"), and the bench runs the services
// with the same settings, so its memory figures are the image's.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { IMAGE_MALLOC_ENV } from '../../bench/services.js';

it('sets the allocator variables the bench runs the services with, in the image', async () => {
  const dockerfile = await readFile('Dockerfile', 'utf8');
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
  for (const [name, value] of Object.entries(IMAGE_MALLOC_ENV)) expect(finalStage).toMatch(new RegExp(`\\b${name}=${value}\\b`));
});
