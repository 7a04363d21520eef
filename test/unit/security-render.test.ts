import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderAuthConf, renderDockerFiles, renderDockerSecrets } from '../../src/render/render.js';
import { TemplateSet } from '../../src/render/templates.js';
import { parseSpec } from '../../src/specfile/load.js';
import { planTopology } from '../../src/topology/plan.js';

const templates = new TemplateSet();
const topology = (yaml: string) => planTopology(parseSpec(yaml));
const confs = (yaml: string) => renderDockerFiles(templates, topology(yaml)).filter((f) => f.path.startsWith('conf/'));

describe('TLS rendering', () => {
  it.each(['standalone', 'sentinel', 'cluster'])('%s: every node listens on TLS only, replication over TLS', (kind) => {
    for (const f of confs(`kind: ${kind}\ntls:\n  enabled: true\n`)) {
      expect(f.content, f.path).toMatch(/^port 0$/m);
      expect(f.content, f.path).toMatch(/^tls-port \d+$/m);
      expect(f.content, f.path).toMatch(/^tls-auth-clients yes$/m);
      expect(f.content, f.path).toMatch(/^tls-replication yes$/m);
      expect(f.content, f.path).toContain('tls-ca-cert-file /usr/local/etc/redis/tls/ca.crt');
      expect(f.content.includes('tls-cluster yes'), f.path).toBe(kind === 'cluster');
    }
  });

  it('without tls nothing TLS is rendered', () => {
    for (const f of confs('kind: cluster\n')) expect(f.content, f.path).not.toMatch(/^tls-|^port 0$/m);
  });
});

describe('ACL rendering', () => {
  const t = topology('kind: sentinel\nauth:\n  acl:\n    enabled: true\n');
  const password = 'app-password-for-test';
  const sha = createHash('sha256').update(password).digest('hex');

  it('defines the user with a hashed password, BullMQ prefixes and no dangerous commands', () => {
    const data = renderAuthConf(templates, t, 'admin-pw', 'data', password);
    const line = data.split('\n').find((l) => l.startsWith('user '))!;
    expect(line).toContain(`user bullmq on #${sha} resetkeys ~bull:* ~{bull}:* resetchannels -@all`);
    // Commands one by one (the derived grant), never a category.
    expect(line).toMatch(/-@all \+[a-z|]+( \+[a-z|]+)*$/);
    expect(line).not.toMatch(/\+@/);
    expect(line).toContain(' +evalsha ');
    expect(data).not.toContain(password);
    expect(data).toContain('requirepass admin-pw');
  });

  it('gives the sentinels the same user, limited to master discovery and +switch-master', () => {
    const s = renderAuthConf(templates, t, 'admin-pw', 'sentinel', password);
    const line = s.split('\n').find((l) => l.startsWith('user '))!;
    expect(line).toContain(`user bullmq on #${sha} resetchannels &+switch-master -@all`);
    expect(line).toContain('+sentinel|get-master-addr-by-name');
    expect(line).not.toMatch(/\+sentinel( |$)|\+@admin/);
  });

  it('renders no user without acl, and only secret files carry it', () => {
    const plain = topology('kind: sentinel\n');
    expect(renderAuthConf(templates, plain, 'admin-pw', 'data', password)).not.toContain('user ');
    for (const f of renderDockerSecrets(templates, t, 'admin-pw', password)) expect(f.secret).toBe(true);
    for (const f of renderDockerFiles(templates, t)) expect(f.content, f.path).not.toContain(sha);
  });
});
