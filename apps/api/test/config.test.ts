import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';

const dataDir = () => mkdtempSync(join(tmpdir(), 'challenge-config-'));

describe('configuration from the environment', () => {
  it('never loads demo data in production, even with DEMO=1', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO: '1', JWT_SECRET: 's'.repeat(40), DATA_DIR: dataDir() }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', DEMO: '1', DATA_DIR: dataDir() }).demo).toBe(true);
  });

  it('requires JWT_SECRET in production and keeps a generated one across starts otherwise', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(/JWT_SECRET/);
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(loadConfig({ DATA_DIR: dir }).jwtSecret).toBe(first);
  });

  it('takes the first bureau account only when both variables are set', () => {
    expect(loadConfig({ DATA_DIR: dataDir(), BUREAU_ADMIN_EMAIL: 'a@kgj.gov.cn' }).bureauAdmin).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dataDir(), BUREAU_ADMIN_EMAIL: 'a@kgj.gov.cn', BUREAU_ADMIN_PASSWORD: 'pw-long-enough' }).bureauAdmin).toEqual({ email: 'a@kgj.gov.cn', password: 'pw-long-enough' });
  });

  it('uses PostgreSQL only when DATABASE_URL is set', () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).databaseUrl).toBeUndefined();
    expect(loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://x@h/db' }).databaseUrl).toBe('postgres://x@h/db');
  });
});
