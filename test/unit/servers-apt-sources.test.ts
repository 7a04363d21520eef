/**
 * `servers add` fetches from this machine's own Debian mirror: the one its apt sources name
 * (one-line .list or deb822 .sources), never a host written in redis-arc. Derived here from texts
 * as apt reads them.
 */
import { describe, expect, it } from 'vitest';
import { debianMirror, parseDeb822, parseOneLine, privateSourcesList } from '../../src/servers/apt-source.js';

// As this machine's /etc/apt/sources.list.d/debian.sources: the main archive, then security.
const DEB822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://mirror.example/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
`;

describe("the machine's Debian mirror", () => {
  it('is the deb822 entry of a Debian release suite with main, with its keyring', () => {
    expect(debianMirror(parseDeb822(DEB822))).toEqual({
      uri: 'http://mirror.example/debian',
      signedBy: '/usr/share/keyrings/debian-archive-keyring.gpg',
    });
  });

  it('is read from one-line entries, options and comments included', () => {
    const text = [
      '# deb http://commented.example/debian bookworm main',
      'deb-src http://src.example/debian bookworm main',
      'deb [arch=amd64 signed-by=/etc/apt/keyrings/d.gpg] http://one.example/debian bookworm main contrib # trailing',
    ].join('\n');
    expect(debianMirror(parseOneLine(text))).toEqual({ uri: 'http://one.example/debian', signedBy: '/etc/apt/keyrings/d.gpg' });
  });

  it('skips security and updates suites, other vendors, disabled entries and entries without main', () => {
    const entries = [
      ...parseOneLine('deb http://security.example/debian-security bookworm-security main'),
      ...parseOneLine('deb https://packages.vendor.example/apt cloud-sdk-bookworm main'),
      ...parseDeb822('Types: deb\nURIs: http://off.example/debian\nSuites: bookworm\nComponents: main\nEnabled: no\n'),
      ...parseOneLine('deb http://contrib.example/debian bookworm contrib'),
    ];
    expect(debianMirror(entries)).toBeUndefined();
    expect(debianMirror([...entries, ...parseOneLine('deb http://ok.example/debian trixie main')])?.uri).toBe('http://ok.example/debian');
  });

  it('drops an inline key block (apt then tries its own keyrings)', () => {
    const inline = 'Types: deb\nURIs: http://k.example/debian\nSuites: stable\nComponents: main\nSigned-By:\n -----BEGIN PGP PUBLIC KEY BLOCK-----\n abc\n';
    expect(debianMirror(parseDeb822(inline))).toEqual({ uri: 'http://k.example/debian', signedBy: undefined });
  });

  it('gives the private sources list of the asked suite on that mirror', () => {
    expect(privateSourcesList({ uri: 'http://m.example/debian', signedBy: '/k.gpg' }, 'trixie')).toBe(
      'deb [signed-by=/k.gpg] http://m.example/debian trixie main\n',
    );
    expect(privateSourcesList({ uri: 'http://m.example/debian' }, 'trixie')).toBe('deb http://m.example/debian trixie main\n');
  });
});
