// The flow console page: loads the scenarios, sends a run to the mock's console API and draws
// the branch, the attempt timeline, the envelope and the curl command. DOM only; the layout
// and the form mapping are pure modules beside it.
import { formatMs, layoutTimeline } from './timeline.js';
import { fieldsFromRequest, requestFromFields, EDITABLE_FIELDS } from './request-fields.js';
import { FLOW_BRANCHES, flowOutcome } from './branch.js';
import { el } from './dom.js';
import { createFlowPanel } from './flow-panel.js';

/**
 * @typedef {{ name: string, description: string, request: Record<string, unknown>, expected_action: string | null, action: string }} ScenarioSummary
 * @typedef {import('./timeline.js').JournalCall} JournalCall
 * @typedef {{ scenario: string, session: string, request: Record<string, unknown>, httpStatus: number,
 *   envelope: Record<string, unknown>, elapsedMs: number, startedAt: string, journal: JournalCall[],
 *   mismatches: { field: string, expected: unknown, actual: unknown }[], passed: boolean,
 *   deadline_ms: number, curl: string }} RunResult
 */

const ENVELOPE_FIELDS = ['success', 'fallback_type', 'status_code', 'error_code', 'retry_after'];
const TOKEN_KEY = 'mock-console-admin-token';
const DEFAULT_DEADLINE_MS = 8000;
/** What the console opens on when the address names no scenario: the flow working as designed. */
const DEFAULT_SCENARIO = 'happy-path';

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`console page: #${id} is missing`);
  return /** @type {T} */ (element);
}

const ui = {
  tokenForm: /** @type {HTMLFormElement} */ (byId('token-form')),
  tokenInput: /** @type {HTMLInputElement} */ (byId('admin-token')),
  form: /** @type {HTMLFormElement} */ (byId('run-form')),
  scenario: /** @type {HTMLSelectElement} */ (byId('scenario')),
  description: byId('scenario-description'),
  expected: byId('scenario-expected'),
  preview: byId('request-preview'),
  run: /** @type {HTMLButtonElement} */ (byId('run')),
  proxyNote: byId('proxy-note'),
  runStatus: byId('run-status'),
  error: byId('error'),
  catalog: byId('scenario-catalog'),
  result: byId('result'),
  resultHeading: byId('result-heading'),
  resultEmpty: byId('result-empty'),
  resultBody: byId('result-body'),
  branches: byId('branches'),
  answerNote: byId('answer-note'),
  fields: byId('envelope-fields'),
  expectation: byId('expectation'),
  timelineSummary: byId('timeline-summary'),
  timeline: byId('timeline'),
  envelope: byId('envelope-json'),
  curl: byId('curl'),
  copyEnvelope: /** @type {HTMLButtonElement} */ (byId('copy-envelope')),
  copyCurl: /** @type {HTMLButtonElement} */ (byId('copy-curl')),
  copyStatus: byId('copy-status'),
};

/** @type {Map<string, ScenarioSummary>} */
const scenarios = new Map();

const flowPanel = createFlowPanel(byId('flow-panel'), () => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  /** @type {Record<string, string>} */
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  return headers;
});

/** @param {string} key */
function input(key) {
  return /** @type {HTMLInputElement | HTMLTextAreaElement} */ (ui.form.elements.namedItem(key));
}

// --- API ----------------------------------------------------------------------------------

class ApiError extends Error {
  /** @param {number} status @param {string} code @param {string} message */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<any>}
 */
async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'unreachable', 'The mock did not answer: is it still running?');
  }
  /** @type {any} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: reported below by status.
  }
  if (!response.ok) {
    const message = body && typeof body.message === 'string' ? body.message : `The console API answered ${response.status}.`;
    throw new ApiError(response.status, body && typeof body.error === 'string' ? body.error : 'http_error', message);
  }
  return body;
}

// --- messages ---------------------------------------------------------------------------

/** @param {string} message */
function showError(message) {
  ui.error.textContent = message;
  ui.error.hidden = false;
}

function clearError() {
  ui.error.textContent = '';
  ui.error.hidden = true;
}

/** @param {unknown} error */
function handleApiError(error) {
  if (error instanceof ApiError && error.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    ui.tokenForm.hidden = false;
    showError(error.message);
    ui.tokenInput.focus();
    return;
  }
  showError(error instanceof Error ? error.message : String(error));
  if (scenarios.size === 0) ui.scenario.replaceChildren(el('option', { text: 'No scenarios loaded', attrs: { value: '' } }));
}

// --- scenarios and the request form -----------------------------------------------------

async function loadScenarios() {
  clearError();
  /** @type {{ proxy_url: string, scenarios: ScenarioSummary[] }} */
  const body = await api('/console/api/scenarios');
  ui.proxyNote.textContent = `Runs go through the proxy at ${body.proxy_url}, each in a new mock session.`;
  scenarios.clear();
  ui.scenario.replaceChildren();
  ui.catalog.replaceChildren();
  for (const scenario of body.scenarios) {
    scenarios.set(scenario.name, scenario);
    ui.scenario.append(el('option', { text: scenario.name, attrs: { value: scenario.name } }));
    ui.catalog.append(el('dt', { text: scenario.name }), el('dd', { text: scenario.description || '(no description)' }));
  }
  const wanted = new URLSearchParams(location.search).get('scenario') ?? DEFAULT_SCENARIO;
  if (scenarios.has(wanted)) ui.scenario.value = wanted;
  ui.scenario.disabled = scenarios.size === 0;
  ui.run.disabled = scenarios.size === 0;
  if (scenarios.size === 0) showError('The mock has no scenarios loaded (see SCENARIOS_DIR).');
  selectScenario();
}

function selectScenario() {
  const scenario = scenarios.get(ui.scenario.value);
  // The address names the scenario, so a link opens the console on it.
  if (scenario) history.replaceState(null, '', `?scenario=${encodeURIComponent(scenario.name)}`);
  ui.description.textContent = scenario?.description ?? '';
  ui.expected.textContent = scenario?.expected_action ? `Designed to drive: ${scenario.expected_action}` : '';
  if (scenario) void flowPanel.show(scenario.action);
  const values = fieldsFromRequest(scenario?.request ?? {});
  for (const key of EDITABLE_FIELDS) input(key).value = values[key] ?? '';
  updatePreview();
}

function currentRequest() {
  const scenario = scenarios.get(ui.scenario.value);
  /** @type {Record<string, string>} */
  const values = {};
  for (const key of EDITABLE_FIELDS) values[key] = input(key).value;
  return requestFromFields(scenario?.request ?? {}, values);
}

function updatePreview() {
  ui.preview.textContent = JSON.stringify(currentRequest(), null, 2);
}

// --- running ------------------------------------------------------------------------------

/** @param {SubmitEvent} event */
async function onRun(event) {
  event.preventDefault();
  if (ui.run.disabled) return;
  clearError();
  const request = currentRequest();
  const deadline = typeof request.deadline_ms === 'number' ? request.deadline_ms : DEFAULT_DEADLINE_MS;
  ui.run.disabled = true;
  ui.result.setAttribute('aria-busy', 'true');
  ui.runStatus.textContent = `Running ${ui.scenario.value}… (at most about ${formatMs(deadline)})`;
  try {
    /** @type {RunResult} */
    const run = await api('/console/api/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: ui.scenario.value, request }),
    });
    renderRun(run);
    const { taken } = flowOutcome(run.httpStatus, run.envelope);
    ui.runStatus.textContent = `Done in ${formatMs(run.elapsedMs)}: ${taken === 'failure' ? `Failure path (HTTP ${run.httpStatus})` : taken}.`;
    ui.resultHeading.focus();
  } catch (error) {
    ui.runStatus.textContent = 'The run did not complete.';
    handleApiError(error);
  } finally {
    ui.run.disabled = false;
    ui.result.setAttribute('aria-busy', 'false');
  }
}

/** @param {RunResult} run */
function renderRun(run) {
  ui.resultEmpty.hidden = true;
  ui.resultBody.hidden = false;
  ui.result.dataset.scenario = run.scenario;
  renderBranch(run);
  renderTimeline(run);
  ui.envelope.textContent = JSON.stringify(run.envelope, null, 2);
  ui.curl.textContent = run.curl;
  ui.copyStatus.textContent = '';
}

/** @param {RunResult} run */
function renderBranch(run) {
  const { taken, answer, note } = flowOutcome(run.httpStatus, run.envelope);
  ui.branches.dataset.action = taken;
  ui.answerNote.dataset.answer = answer;
  ui.answerNote.textContent = note;
  ui.answerNote.hidden = note === '';
  const badge = answer === 'partial' ? 'Taken · partial' : answer === 'stale' ? 'Taken · stale' : 'Taken';
  ui.branches.replaceChildren(
    ...FLOW_BRANCHES.map(({ action, title, meaning }) => {
      const isTaken = action === taken;
      const item = el('li', { className: isTaken ? 'branch taken' : 'branch', attrs: { 'data-action': action } }, [
        el('span', { className: 'branch-title', text: title }),
        el('code', { className: 'branch-code', text: action }),
        el('span', { className: 'branch-meaning', text: meaning }),
      ]);
      if (isTaken) {
        item.setAttribute('aria-current', 'true');
        item.dataset.answer = answer;
        item.prepend(el('span', { className: 'branch-badge', text: badge }));
      }
      return item;
    }),
  );
  /** @param {string} name @param {string} value @param {string} field */
  const pair = (name, value, field) => el('div', {}, [el('dt', { text: name }), el('dd', { text: value, attrs: { 'data-field': field } })]);
  ui.fields.replaceChildren(
    ...ENVELOPE_FIELDS.map((field) => {
      const value = run.envelope[field];
      return pair(field, value === undefined ? '—' : String(value), field);
    }),
    pair('proxy HTTP status', String(run.httpStatus), 'http_status'),
  );
  ui.expectation.textContent = run.passed
    ? 'Matches what this scenario is designed to produce.'
    : `Differs from what this scenario is designed to produce: ${run.mismatches.map((m) => `${m.field} expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`).join('; ')}.`;
}

/** @param {RunResult} run */
function renderTimeline(run) {
  const layout = layoutTimeline({ journal: run.journal, startedAt: run.startedAt, elapsedMs: run.elapsedMs, deadlineMs: run.deadline_ms });
  /** @type {Map<string, number>} */
  const byRoute = new Map();
  for (const bar of layout.bars) {
    const key = bar.route ?? bar.label;
    byRoute.set(key, (byRoute.get(key) ?? 0) + 1);
  }
  const counts = [...byRoute].map(([route, count]) => `${count} ${route}`).join(', ');
  ui.timelineSummary.textContent =
    `${layout.bars.length} upstream call${layout.bars.length === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}; ` +
    `envelope after ${formatMs(layout.answeredMs)}; deadline ${formatMs(layout.deadlineMs)}` +
    (layout.deadlineReached ? ', reached.' : '.');

  ui.timeline.dataset.deadlineReached = String(layout.deadlineReached);
  ui.timeline.style.setProperty('--deadline-at', `${layout.deadlinePct}%`);
  ui.timeline.style.setProperty('--answered-at', `${layout.answeredPct}%`);

  const rows = el('ol', { className: 'timeline-rows' });
  for (const bar of layout.bars) {
    const wait = bar.waitAfterMs === null ? '' : `then ${formatMs(bar.waitAfterMs)} until the next call`;
    const text = el('div', { className: 'call-text' }, [
      el('span', { className: 'call-label', text: bar.label }),
      el('span', { className: `call-outcome kind-${bar.kind}`, text: bar.outcome }),
      el('span', { className: 'call-duration', text: `at ${formatMs(bar.startMs)}, took ${formatMs(bar.durationMs)}` }),
      ...(wait ? [el('span', { className: 'call-wait', text: wait })] : []),
    ]);
    const barElement = el('span', { className: `bar kind-${bar.kind}`, attrs: { title: `${bar.label}: ${bar.outcome}, ${formatMs(bar.durationMs)}` } });
    barElement.style.left = `${bar.leftPct}%`;
    barElement.style.width = `${bar.widthPct}%`;
    const track = el('div', { className: 'track', attrs: { 'aria-hidden': 'true' } }, [barElement]);
    if (bar.waitWidthPct > 0) {
      const waitElement = el('span', { className: 'wait' });
      waitElement.style.left = `${bar.leftPct + bar.widthPct}%`;
      waitElement.style.width = `${bar.waitWidthPct}%`;
      track.append(waitElement);
    }
    rows.append(
      el(
        'li',
        {
          className: 'timeline-row',
          attrs: { 'data-route': bar.route ?? '', 'data-status': bar.status === null ? '' : String(bar.status), 'data-fault': bar.fault, 'data-kind': bar.kind },
        },
        [text, track],
      ),
    );
  }
  if (layout.bars.length === 0) rows.append(el('li', { className: 'timeline-row empty', text: 'The proxy made no upstream call.' }));

  const axis = el('div', { className: 'axis', attrs: { 'aria-hidden': 'true' } });
  for (const tick of layout.ticks) {
    const label = el('span', { className: 'tick', text: tick.label });
    placeLabel(label, tick.pct);
    axis.append(label);
  }
  const deadline = el('span', { className: 'marker deadline', text: `deadline ${formatMs(layout.deadlineMs)}` });
  placeLabel(deadline, layout.deadlinePct);
  const answered = el('span', { className: 'marker answered', text: `envelope ${formatMs(layout.answeredMs)}` });
  placeLabel(answered, layout.answeredPct);
  const markers = el('div', { className: 'markers', attrs: { 'aria-hidden': 'true' } }, [deadline, answered]);
  const guides = el('div', { className: 'guides', attrs: { 'aria-hidden': 'true' } }, [
    el('span', { className: 'guide deadline' }),
    el('span', { className: 'guide answered' }),
  ]);

  const legend = el('ul', { className: 'legend', attrs: { 'aria-label': 'Legend' } }, [
    el('li', { className: 'kind-ok', text: '2xx answer' }),
    el('li', { className: 'kind-throttled', text: '429 throttled' }),
    el('li', { className: 'kind-error', text: 'error status' }),
    el('li', { className: 'kind-network', text: 'network or body fault' }),
    el('li', { className: 'legend-deadline', text: 'deadline' }),
    el('li', { className: 'legend-answered', text: 'envelope sent' }),
  ]);
  ui.timeline.replaceChildren(el('div', { className: 'plot' }, [markers, rows, axis, guides]), legend);
}

/**
 * Places a label at `pct` of the plot's width, centred on it but kept inside the plot.
 * @param {HTMLElement} label
 * @param {number} pct
 */
function placeLabel(label, pct) {
  label.style.left = `${pct}%`;
  label.classList.add(pct < 8 ? 'anchor-start' : pct > 85 ? 'anchor-end' : 'anchor-middle');
}

// --- copying --------------------------------------------------------------------------------

/**
 * Copies a <pre>'s text. The Clipboard API needs a secure context (localhost is one); elsewhere
 * the text is selected so Ctrl+C copies it.
 * @param {HTMLElement} source
 * @param {string} what
 */
async function copy(source, what) {
  const text = source.textContent ?? '';
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    ui.copyStatus.textContent = `${what} copied.`;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    source.focus();
    ui.copyStatus.textContent = `${what} selected: press Ctrl+C (⌘C) to copy.`;
  }
}

// --- wiring ---------------------------------------------------------------------------------

ui.scenario.addEventListener('change', selectScenario);
ui.form.addEventListener('input', (event) => {
  if (event.target !== ui.scenario) updatePreview();
});
ui.form.addEventListener('submit', (event) => void onRun(/** @type {SubmitEvent} */ (event)));
ui.copyEnvelope.addEventListener('click', () => void copy(ui.envelope, 'Envelope'));
ui.copyCurl.addEventListener('click', () => void copy(ui.curl, 'curl command'));
ui.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = ui.tokenInput.value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  ui.tokenInput.value = '';
  ui.tokenForm.hidden = true;
  loadScenarios().then(() => ui.scenario.focus(), handleApiError);
});

loadScenarios().catch(handleApiError);
