import { describe, expect, it } from 'vitest';
import { initSpecText } from '../../src/project/init.js';
import { parseSpec } from '../../src/specfile/load.js';
import { SpecError } from '../../src/errors/index.js';

/*
 * YAML reads a bare 007 as the number 7, true as a boolean, 1e3 as 1000. Where the spec wants
 * text, the text as written is what counts, both in what `init` writes and in a spec a user writes.
 */
const LOOK_ALIKES = ['007', '7', '0123', 'true', 'null', '1e3', '0x1f', '0o17', '-0', 'yes', '1_000'];

describe('spec text that looks like a number or a boolean', () => {
  it.each(LOOK_ALIKES.filter((n) => /^[a-z0-9][a-z0-9_-]*$/.test(n)))('init --name %s writes a spec that reads back as that name', (name) => {
    for (const kind of ['standalone', 'sentinel', 'cluster'] as const) {
      const spec = parseSpec(initSpecText(kind, { name, acl: true }));
      expect(spec.name).toBe(name);
    }
  });

  it('a hand-written spec keeps bare text as written: name, image, password files, ACL user, master name, TLS folder', () => {
    const spec = parseSpec(
      [
        'kind: sentinel',
        'name: 007',
        'image: 7',
        'auth:',
        '  passwordFile: 0123',
        '  acl:',
        '    enabled: true',
        '    user: 42',
        '    passwordFile: true',
        'tls:',
        '  dir: 1e3',
        'sentinel:',
        '  masterName: 0x1f',
      ].join('\n'),
    );
    expect(spec.name).toBe('007');
    expect(spec.image).toBe('7');
    expect(spec.auth.passwordFile).toBe('0123');
    expect(spec.auth.acl.user).toBe('42');
    expect(spec.auth.acl.passwordFile).toBe('true');
    expect(spec.tls.dir).toBe('1e3');
    expect(spec.sentinel?.masterName).toBe('0x1f');
  });

  it('numbers stay numbers where numbers are meant, and text that is invalid for another reason is refused in one line naming it', () => {
    expect(parseSpec('kind: standalone\nports:\n  base: 7000\n').ports.base).toBe(7000);
    const problem = (yaml: string) => {
      try {
        parseSpec(yaml);
      } catch (e) {
        expect(e).toBeInstanceOf(SpecError);
        return (e as SpecError).problems;
      }
      throw new Error('accepted');
    };
    expect(problem('kind: standalone\nname: 1.5\n')).toEqual([
      "redis-arc.yaml:2: name: '1.5': expected lowercase letters, digits, dash or underscore (a compose project name)",
    ]);
    // A quoted value is the user's explicit text; a list is not text at all.
    expect(problem('kind: standalone\nname: [7]\n')).toEqual([expect.stringMatching(/^redis-arc\.yaml:2: name: expected text, got /)]);
    expect(problem('kind: standalone\nports:\n  base: "7000"\n')).toHaveLength(1);
  });
});
