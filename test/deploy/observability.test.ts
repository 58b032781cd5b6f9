// deploy/: the Grafana dashboard and the Prometheus alerts use only metrics the proxy exposes,
// and the Kubernetes example is a valid Deployment whose probes are the ones the README names.
import { readFile } from 'node:fs/promises';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadProxyConfig } from '../../src/config.js';
import { startFakeGenesys, type FakeGenesys } from '../proxy/support/fake-genesys.js';
import { startProxy, type RunningProxy } from '../proxy/support/proxy.js';

interface AlertRule {
  alert: string;
  expr: string;
  labels: { severity: string };
  annotations: { summary: string };
}

const dashboard = JSON.parse(await readFile('deploy/grafana/dashboard.json', 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
const alerts = parse(await readFile('deploy/prometheus/alerts.yaml', 'utf8')) as { groups: { name: string; rules: AlertRule[] }[] };
const rules = alerts.groups.flatMap((group) => group.rules);

/** Metric names in a PromQL expression (the proxy's and Node's), histogram suffixes removed. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:proxy|nodejs|process)_[a-z0-9_]+)\b/g)].map((match) => match[1]!.replace(/_(bucket|sum|count)$/, ''));
}

let genesys: FakeGenesys;
let proxy: RunningProxy;
let exposed: Set<string>;

beforeAll(async () => {
  genesys = await startFakeGenesys({});
  proxy = await startProxy(genesys.url, { HEALTH_REFRESH_INTERVAL_MS: '0' });
  await proxy.query();
  const text = (await proxy.app.inject({ method: 'GET', url: '/metrics' })).body;
  exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
});

afterAll(async () => {
  await proxy.close();
  await genesys.close();
});

describe('deploy/grafana/dashboard.json', () => {
  it('has panels with queries, every metric of which the proxy exposes', () => {
    const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
    expect(exprs.length).toBeGreaterThan(5);
    const used = new Set(exprs.flatMap(metricsIn));
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    for (const slo of ['proxy_answer_seconds', 'proxy_deadline_used_ratio', 'proxy_envelopes_late_total']) expect(used).toContain(slo);
  });
});

describe('deploy/prometheus/alerts.yaml', () => {
  it('has named rules with a severity and a summary, every metric of which the proxy exposes', () => {
    expect(rules.length).toBeGreaterThan(3);
    for (const rule of rules) {
      expect(rule).toMatchObject({ alert: expect.stringMatching(/^[A-Z][A-Za-z]+$/), expr: expect.any(String), labels: { severity: expect.any(String) }, annotations: { summary: expect.any(String) } });
    }
    const used = new Set(rules.flatMap((rule) => metricsIn(rule.expr)));
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    expect(rules.find((rule) => rule.alert === 'ProxyEnvelopeLate')!.expr).toContain('proxy_envelopes_late_total');
  });
});

describe('deploy/kubernetes/proxy.yaml', () => {
  it('is a valid Deployment and Service whose probes never depend on Genesys', async () => {
    const documents = parseAllDocuments(await readFile('deploy/kubernetes/proxy.yaml', 'utf8')).map((document) => document.toJS() as { kind: string });
    const deployment = new Deployment(documents.find((document) => document.kind === 'Deployment') as never);
    deployment.validate();
    new Service(documents.find((document) => document.kind === 'Service') as never).validate();
    const container = deployment.spec!.template.spec!.containers[0]!;
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    // Longer than the largest deadline, so requests in flight get their envelopes on shutdown.
    expect(deployment.spec!.template.spec!.terminationGracePeriodSeconds).toBeGreaterThan(loadProxyConfig({ GENESYS_CLIENT_ID: 'i', GENESYS_CLIENT_SECRET: 's', PROXY_API_KEYS: 'k' }).deadline.maxMs / 1000);
  });

  it('runs three replicas sharing Redis from a Secret, with a disruption budget and resource limits', async () => {
    const documents = parseAllDocuments(await readFile('deploy/kubernetes/proxy.yaml', 'utf8')).map((document) => document.toJS() as { kind: string });
    const deployment = new Deployment(documents.find((document) => document.kind === 'Deployment') as never);
    const budget = new PodDisruptionBudget(documents.find((document) => document.kind === 'PodDisruptionBudget') as never);
    budget.validate();
    expect(deployment.spec!.replicas).toBe(3);
    expect(budget.spec!.selector!.matchLabels).toEqual(deployment.spec!.selector.matchLabels);
    expect(budget.spec!.minAvailable).toBeLessThan(deployment.spec!.replicas!);
    const container = deployment.spec!.template.spec!.containers[0]!;
    const redis = container.env?.find((variable) => variable.name === 'REDIS_URL');
    expect(redis?.valueFrom?.secretKeyRef?.key).toBe('url');
    expect(container.resources?.limits?.memory).toBeDefined();
  });
});
