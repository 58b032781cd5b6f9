// One Node major everywhere: package.json engines, the Dockerfile's stages and the Node .ci/run
// installs when the machine's is older; and the image's promises (non-root, health check).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const packageJson = JSON.parse(await readFile('package.json', 'utf8')) as { engines: { node: string } };
const dockerfile = await readFile('Dockerfile', 'utf8');
const ciRun = await readFile('.ci/run', 'utf8');

describe('the runtime', () => {
  const major = Number(/^>=(\d+)$/.exec(packageJson.engines.node)?.[1]);

  it('is the same Node major in engines, every Dockerfile stage and .ci/run', () => {
    expect(major).toBeGreaterThanOrEqual(24);
    const stages = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((match) => Number(match[1]));
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(new Set(stages)).toEqual(new Set([major]));
    expect(/^NODE_MAJOR=(\d+)$/m.exec(ciRun)?.[1]).toBe(String(major));
  });

  it('is what this test runs on', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(major);
  });

  it('image runs as the non-root node user, with a health check on /healthz and the commit stamped', () => {
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(finalStage).toMatch(/^ARG BUILD_COMMIT$/m);
    expect(finalStage).toMatch(/BUILD_COMMIT=\$\{BUILD_COMMIT\}/);
  });
});
