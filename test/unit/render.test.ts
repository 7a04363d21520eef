import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderDockerFiles, renderDockerSecrets } from '../../src/render/render.js';
import { TemplateSet } from '../../src/render/templates.js';
import { parseSpec } from '../../src/specfile/load.js';
import { planTopology } from '../../src/topology/plan.js';
import { composeValidator } from '../helpers/compose-schema.js';

const templates = new TemplateSet();
const validate = composeValidator();

const VARIANTS: Record<string, string> = {
  standalone: 'kind: standalone\n',
  sentinel: 'kind: sentinel\n',
  cluster: 'kind: cluster\n',
  'sentinel-bridge': 'kind: sentinel\ndocker:\n  network: bridge\n',
  'cluster-bridge': 'kind: cluster\ndocker:\n  network: bridge\n',
  'standalone-noauth': 'kind: standalone\nauth:\n  enabled: false\n',
};

const filesOf = (yaml: string) => renderDockerFiles(templates, planTopology(parseSpec(yaml)));

describe('rendered docker files', () => {
  it.each(Object.entries(VARIANTS))('%s matches its golden files', async (variant, yaml) => {
    for (const file of filesOf(yaml)) {
      await expect(file.content).toMatchFileSnapshot(`../golden/${variant}/${file.path}`);
    }
  });

  it.each(Object.entries(VARIANTS))('%s compose file is valid against the compose-spec schema', (_variant, yaml) => {
    const compose = filesOf(yaml).find((f) => f.path === 'docker-compose.yml')!;
    expect(validate(parse(compose.content))).toEqual([]);
  });

  it('gives every data node a healthcheck and a named volume', () => {
    const compose = parse(filesOf(VARIANTS.sentinel!).find((f) => f.path === 'docker-compose.yml')!.content);
    for (const [name, service] of Object.entries<Record<string, unknown>>(compose.services)) {
      expect(service.healthcheck, name).toBeDefined();
      expect(compose.volumes[`${name}-data`], name).toBeDefined();
    }
  });

  it('defines cluster health on cluster_state:ok and includes the one-shot create step', () => {
    const compose = parse(filesOf(VARIANTS.cluster!).find((f) => f.path === 'docker-compose.yml')!.content);
    expect(compose.services['node-1'].healthcheck.test.join(' ')).toContain('cluster_state:ok');
    expect(compose.services['cluster-init'].command.join(' ')).toContain('--cluster create 127.0.0.1:7000');
    expect(compose.services['cluster-init'].command.join(' ')).toContain('--cluster-replicas 1 --cluster-yes');
  });

  it('publishes bridge ports 1:1 on loopback only (sentinel cannot follow remapped ports)', () => {
    const compose = parse(filesOf(VARIANTS['sentinel-bridge']!).find((f) => f.path === 'docker-compose.yml')!.content);
    expect(compose.services['redis-1'].ports).toEqual(['127.0.0.1:6380:6380']);
    expect(compose.services['sentinel-1'].networks.arc.ipv4_address).toBe('172.28.0.13');
  });

  it('keeps the password out of every file meant to be committed', () => {
    const t = planTopology(parseSpec('kind: sentinel\n'));
    const password = 'not-a-real-password-0123456789';
    const secrets = renderDockerSecrets(templates, t, password);
    expect(secrets.map((s) => s.path).sort()).toEqual(['.env', 'secrets/auth.conf', 'secrets/sentinel-auth.conf']);
    expect(secrets.every((s) => s.secret && s.content.includes(password))).toBe(true);
    for (const file of renderDockerFiles(templates, t)) expect(file.content).not.toContain(password);
  });
});
