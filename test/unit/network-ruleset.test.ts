import { describe, expect, it } from 'vitest';
import { between, rulesetText } from '../../src/network/ruleset.js';
import { isProjectTable, projectTable } from '../../src/network/table-name.js';

describe('nftables rules of a network fault', () => {
  it('names one table per project folder, always redis-arc-…', () => {
    const a = projectTable('/tmp/a');
    expect(a).toMatch(/^redis-arc-[0-9a-f]{12}$/);
    expect(projectTable('/tmp/a/')).toBe(a);
    expect(projectTable('/tmp/b')).not.toBe(a);
    expect(isProjectTable(a)).toBe(true);
    expect(isProjectTable('filter')).toBe(false);
    expect(isProjectTable('redis-arc-x; flush ruleset')).toBe(false);
  });

  it('creates the table in one transaction, idempotently, with the fault named in its comment', () => {
    const text = rulesetText('redis-arc-abc', { rules: between(['127.1.0.2'], ['127.1.0.3', '127.1.0.4']), describe: 'partition "redis-1"' });
    expect(text.split('\n').slice(0, 3)).toEqual(['add table inet redis-arc-abc', 'delete table inet redis-arc-abc', 'table inet redis-arc-abc {']);
    expect(text).toContain('comment "partition  redis-1 "');
    expect(text).toContain('type filter hook output priority 0; policy accept;');
    expect(text).toContain('ip saddr 127.1.0.2 ip daddr { 127.1.0.3, 127.1.0.4 } drop');
    expect(text).toContain('ip saddr { 127.1.0.3, 127.1.0.4 } ip daddr 127.1.0.2 drop');
  });

  it('matches ports when asked (hung clients), and refuses anything off loopback', () => {
    const text = rulesetText('redis-arc-abc', {
      rules: [
        { from: ['127.0.0.1'], to: ['127.1.0.2'], toPort: 8500 },
        { from: ['127.1.0.2'], to: ['127.0.0.1'], fromPort: 8500 },
      ],
      describe: 'hang-clients',
    });
    expect(text).toContain('ip saddr 127.0.0.1 ip daddr 127.1.0.2 tcp dport 8500 drop');
    expect(text).toContain('ip saddr 127.1.0.2 ip daddr 127.0.0.1 tcp sport 8500 drop');
    expect(() => rulesetText('redis-arc-abc', { rules: between(['10.0.0.1'], ['127.1.0.2']), describe: 'x' })).toThrow(/not a loopback address/);
  });
});
