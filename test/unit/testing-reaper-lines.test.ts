/** What the shared reaper reaps once its test process is gone: every topology watched and never said done. */
import { describe, expect, it } from 'vitest';
import { undisposed } from '../../src/testing/reaper.js';

const line = (verb: string, entry: object) => `${verb} ${JSON.stringify(entry)}`;

describe('undisposed', () => {
  it('keeps the topologies watched and not done, with their compose project', () => {
    const lines = [
      line('watch', { dir: '/tmp/a' }),
      line('watch', { dir: '/tmp/b c', composeProject: 'arc-test-1' }),
      line('done', { dir: '/tmp/a' }),
      line('watch', { dir: '/tmp/d' }),
    ];
    expect(undisposed(lines)).toEqual([{ dir: '/tmp/b c', composeProject: 'arc-test-1' }, { dir: '/tmp/d' }]);
  });

  it('ignores a line cut short by the crash and empty lines', () => {
    expect(undisposed([line('watch', { dir: '/tmp/a' }), 'watch {"dir":"/tmp/', ''])).toEqual([{ dir: '/tmp/a' }]);
  });

  it('nothing once every topology was disposed', () => {
    expect(undisposed([line('watch', { dir: '/x' }), line('done', { dir: '/x' })])).toEqual([]);
  });
});
