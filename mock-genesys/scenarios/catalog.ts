// The scenarios a running mock knows, by name, and which one is active. Files are reloaded
// when they change; an invalid edit keeps the last good version and is shown with its error.
import { watch, type FSWatcher } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SCENARIO_LIMITS, isScenarioFileName, nameFromFile, type ScenarioLimits } from './limits.js';
import { duplicateNameError, loadScenarioDir, loadScenarioFile } from './loader.js';
import { ScenarioError } from './scenario-error.js';
import type { Scenario } from './types.js';

interface CatalogEntry {
  file: string;
  /** Last good version, if the file was ever valid. */
  scenario: Scenario | undefined;
  /** Why the current file content is refused. */
  error: ScenarioError | undefined;
}

export interface ScenarioSummary {
  name: string;
  description: string;
  /** File name inside the scenarios folder ('' for a scenario created over the admin API). */
  file: string;
  /** Where it came from: a file of the folder, or the admin API (in memory, untouched by file reloads). */
  source: 'file' | 'api';
  /** False when the file's current content is refused (the last good version, if any, stays in use). */
  valid: boolean;
  error?: string;
  active: boolean;
}

export interface CatalogLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

/** How long a burst of file events (editors write, rename, chmod) settles before reloading. */
export const RELOAD_DEBOUNCE_MS = 100;

export class UnknownScenarioError extends Error {
  override name = 'UnknownScenarioError';
  constructor(readonly scenarioName: string, known: readonly string[]) {
    super(`unknown scenario ${JSON.stringify(scenarioName.slice(0, 100))}; known scenarios: ${known.join(', ') || '(none)'}`);
  }
}

export class ScenarioCatalog {
  readonly dir: string;
  readonly #entries = new Map<string, CatalogEntry>();
  /** Usable scenarios by name (rebuilt whenever #entries changes), for per-request lookups. */
  #byName = new Map<string, CatalogEntry>();
  /** Scenarios created over the admin API, by name: in memory, untouched by file reloads. */
  readonly #apiScenarios = new Map<string, Scenario>();
  #activeName: string;
  readonly #changeListeners: Array<(name: string) => void> = [];

  readonly limits: ScenarioLimits;

  private constructor(dir: string, activeName: string, limits: ScenarioLimits) {
    this.dir = dir;
    this.#activeName = activeName;
    this.limits = limits;
  }

  /** Loads every file of `dir`; any invalid file, or an unknown active name, is a ScenarioError. */
  static async load(dir: string, activeName: string, limits: ScenarioLimits = DEFAULT_SCENARIO_LIMITS): Promise<ScenarioCatalog> {
    const catalog = new ScenarioCatalog(path.resolve(dir), activeName, limits);
    for (const { file, scenario } of await loadScenarioDir(catalog.dir, limits)) catalog.#set({ file, scenario, error: undefined });
    if (!catalog.get(activeName)) {
      throw new ScenarioError(catalog.dir, [{ path: '', message: `MOCK_SCENARIO=${activeName} is not a scenario in this folder; known: ${catalog.names().join(', ')}` }]);
    }
    return catalog;
  }

  get activeName(): string {
    return this.#activeName;
  }

  get(name: string): Scenario | undefined {
    return this.#apiScenarios.get(name) ?? this.#byName.get(name)?.scenario;
  }

  /** The file that holds a scenario name, if one does (an API scenario may not take it). */
  fileHolding(name: string): string | undefined {
    const entry = this.#holderOf(name);
    return entry ? path.relative(this.dir, entry.file) : undefined;
  }

  /** Creates or replaces a scenario of the admin API; whether it existed before. */
  putApiScenario(scenario: Scenario): 'created' | 'replaced' {
    const existed = this.#apiScenarios.has(scenario.name);
    this.#apiScenarios.set(scenario.name, scenario);
    this.#changed(scenario.name);
    return existed ? 'replaced' : 'created';
  }

  hasApiScenario(name: string): boolean {
    return this.#apiScenarios.has(name);
  }

  /** Removes a scenario of the admin API; false when there was none of that name. */
  deleteApiScenario(name: string): boolean {
    const existed = this.#apiScenarios.delete(name);
    if (existed) this.#changed(name);
    return existed;
  }

  /** The scenario of that name, or an UnknownScenarioError listing the known ones. */
  require(name: string): Scenario {
    const scenario = this.get(name);
    if (!scenario) throw new UnknownScenarioError(name, this.names());
    return scenario;
  }

  /** Every usable scenario (last good versions included), sorted by name. */
  scenarios(): Scenario[] {
    return [...this.#entries.values()]
      .flatMap((entry) => (entry.scenario && !this.#apiScenarios.has(entry.scenario.name) ? [entry.scenario] : []))
      .concat([...this.#apiScenarios.values()])
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  names(): string[] {
    return this.scenarios().map((scenario) => scenario.name);
  }

  activate(name: string): Scenario {
    const scenario = this.require(name);
    this.#activeName = scenario.name;
    return scenario;
  }

  list(): ScenarioSummary[] {
    return [...this.#entries.values()]
      .filter((entry) => !(entry.scenario && this.#apiScenarios.has(entry.scenario.name)))
      .map((entry) => this.#summary(entry))
      .concat([...this.#apiScenarios.values()].map((scenario) => this.#apiSummary(scenario)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Summary of one scenario by name (valid or last good), for the admin API. */
  summaryOf(name: string): ScenarioSummary | undefined {
    const api = this.#apiScenarios.get(name);
    if (api) return this.#apiSummary(api);
    const entry = this.#byName.get(name);
    return entry ? this.#summary(entry) : undefined;
  }

  #apiSummary(scenario: Scenario): ScenarioSummary {
    return { name: scenario.name, description: scenario.description, file: '', source: 'api', valid: true, active: scenario.name === this.#activeName };
  }

  /** Called with a scenario's name whenever its file changed (its call counts are stale). */
  onChange(listener: (name: string) => void): void {
    this.#changeListeners.push(listener);
  }

  /** Re-reads one file: new, changed, or deleted. */
  async reloadFile(file: string, log?: CatalogLog): Promise<void> {
    const absolute = path.resolve(file);
    const previous = this.#entries.get(absolute);
    if (!(await exists(absolute))) {
      if (previous) {
        this.#delete(absolute);
        if (previous.scenario) this.#changed(previous.scenario.name);
        log?.info({ file: path.basename(absolute) }, 'scenario file removed');
      }
      return;
    }
    try {
      const scenario = await loadScenarioFile(absolute, this.limits);
      const clash = this.#holderOf(scenario.name, absolute);
      if (clash) throw duplicateNameError(absolute, scenario.name, clash.file);
      this.#set({ file: absolute, scenario, error: undefined });
      if (previous?.scenario && previous.scenario.name !== scenario.name) this.#changed(previous.scenario.name);
      this.#changed(scenario.name);
      log?.info({ file: path.basename(absolute), scenario: scenario.name }, 'scenario reloaded');
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      this.#set({ file: absolute, scenario: previous?.scenario, error });
      log?.warn({ file: path.basename(absolute), error: error.message }, 'scenario edit refused; the last good version stays in use');
    }
  }

  /** Watches the folder and reloads changed files after a short debounce. Returns the stop function. */
  watch(log: CatalogLog, debounceMs = RELOAD_DEBOUNCE_MS): () => void {
    const timers = new Map<string, NodeJS.Timeout>();
    let watcher: FSWatcher | undefined;
    try {
      watcher = watch(this.dir, (_event, fileName) => {
        if (!fileName || !isScenarioFileName(fileName.toString())) return;
        const file = path.join(this.dir, fileName.toString());
        clearTimeout(timers.get(file));
        timers.set(
          file,
          setTimeout(() => {
            timers.delete(file);
            this.reloadFile(file, log).catch((error: unknown) => log.warn({ file: fileName.toString(), error: String(error) }, 'scenario reload failed'));
          }, debounceMs),
        );
      });
      watcher.on('error', (error) => log.warn({ error: error.message }, 'watching the scenarios folder failed; edits are no longer reloaded'));
    } catch (error) {
      log.warn({ error: String(error) }, 'cannot watch the scenarios folder; edits need a restart');
    }
    return () => {
      watcher?.close();
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    };
  }

  #set(entry: CatalogEntry): void {
    this.#entries.set(entry.file, entry);
    this.#reindex();
  }

  #delete(file: string): void {
    this.#entries.delete(file);
    this.#reindex();
  }

  /** The first entry holding a name wins, as #holderOf finds it. */
  #reindex(): void {
    const byName = new Map<string, CatalogEntry>();
    for (const entry of this.#entries.values()) if (entry.scenario && !byName.has(entry.scenario.name)) byName.set(entry.scenario.name, entry);
    this.#byName = byName;
  }

  #holderOf(name: string, exceptFile?: string): CatalogEntry | undefined {
    for (const entry of this.#entries.values()) if (entry.file !== exceptFile && entry.scenario?.name === name) return entry;
    return undefined;
  }

  #summary(entry: CatalogEntry): ScenarioSummary {
    const name = entry.scenario?.name ?? nameFromFile(entry.file);
    return {
      name,
      description: entry.scenario?.description ?? '',
      file: path.relative(this.dir, entry.file),
      source: 'file',
      valid: entry.error === undefined,
      ...(entry.error ? { error: entry.error.message } : {}),
      active: entry.scenario !== undefined && name === this.#activeName,
    };
  }

  #changed(name: string): void {
    for (const listener of this.#changeListeners) listener(name);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
