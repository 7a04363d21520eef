import { execa } from 'execa';

/** The real redis-cli, as an independent witness of what redis-arc claims. */
export async function redisCli(port: number, args: string[], password?: string): Promise<string> {
  const r = await execa('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    env: password ? { REDISCLI_AUTH: password } : {},
    reject: false,
    timeout: 20_000,
  });
  return `${String(r.stdout)}${String(r.stderr)}`;
}
