import { describe, expect, it } from 'vitest';
import { whyNginxFailed } from '../../src/nginx/nginx-failure.ts';

describe('whyNginxFailed', () => {
  it("picks the first line that stopped nginx, not its closing 'still could not bind()'", () => {
    const log = [
      '2026/12/02 04:38:32 [emerg] 31392#31392: bind() to 127.0.0.1:41000 failed (98: Address already in use)',
      '2026/12/02 04:38:32 [notice] 31392#31392: try again to bind() after 500ms',
      '2026/12/02 04:38:34 [emerg] 31392#31392: still could not bind()',
    ].join('\n');
    expect(whyNginxFailed(log, 'nginx: [emerg] still could not bind()\n')).toBe(
      '2026/12/02 04:38:32 [emerg] 31392#31392: bind() to 127.0.0.1:41000 failed (98: Address already in use)',
    );
  });

  it('reads stderr when the error log says nothing, and its last line when no line is fatal', () => {
    expect(
      whyNginxFailed('', 'nginx: [alert] could not open error log file\nnginx: [emerg] unknown directive "lissen" in /x/nginx.conf:3\n'),
    ).toBe('nginx: [alert] could not open error log file');
    expect(whyNginxFailed('2026/12/02 [notice] 1#1: signal process started\n', 'nginx: invalid option: "z"\n')).toBe(
      'nginx: invalid option: "z"',
    );
    expect(whyNginxFailed('', '')).toBe('nginx wrote nothing about why');
  });
});
