// Scenarios parsed at build time (precompiled.ts): what the bundler stores is each shipped file's
// own parse, keyed by the digest of the file's name and text, so a changed file (or a renamed
// one, whose name may come from its file) never matches. (The bundles' own use of them is tested
// in test/harness/start-bundles.test.ts.)
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { precompileScenarios, precompiledScenario, scenarioDigest } from '../../mock-genesys/scenarios/precompiled.js';

describe('precompileScenarios', () => {
  it("stores every shipped file's parse, without its path, by the digest of its name and text", async () => {
    const stored = await precompileScenarios(defaultScenariosDir);
    const names = (await readdir(defaultScenariosDir)).filter((name) => name.endsWith('.yaml'));
    expect(Object.keys(stored)).toHaveLength(names.length);
    for (const name of names) {
      const file = path.join(defaultScenariosDir, name);
      const text = await readFile(file, 'utf8');
      expect(JSON.parse(stored[scenarioDigest(file, text)]!), name).toEqual({ ...parseScenario(text, file), file: '' });
    }
  });

  it('gives another digest to another text or another file name', () => {
    const digest = scenarioDigest('/a/forbidden.yaml', 'rules: []\n');
    expect(scenarioDigest('/b/forbidden.yaml', 'rules: []\n')).toBe(digest);
    expect(scenarioDigest('/a/forbidden.yaml', 'rules: [] \n')).not.toBe(digest);
    expect(scenarioDigest('/a/other.yaml', 'rules: []\n')).not.toBe(digest);
  });
});

describe('precompiledScenario', () => {
  it('has nothing outside a bundle: the file is parsed', () => {
    expect(precompiledScenario('rules: []\n', '/a/x.yaml', { maxBytes: 1_000, maxRules: 10 })).toBeUndefined();
  });
});
