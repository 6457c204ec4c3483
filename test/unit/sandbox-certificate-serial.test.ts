import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTls, serialNumber } from '../../server/sandbox/tls.ts';

describe('the sandbox certificate authority', () => {
  it('draws serials that DER encodes without padding, so OpenSSL never drops the CA from a client trust store', () => {
    // One draw in 128 used to start with a zero byte: Node then ignored the CA and every call failed with "unable to verify the first certificate".
    for (let draw = 0; draw < 10_000; draw += 1) {
      const serial = serialNumber();
      expect(serial).toMatch(/^[0-9a-f]{32}$/);
      const first = Number.parseInt(serial.slice(0, 2), 16);
      expect(first).toBeGreaterThanOrEqual(0x40);
      expect(first).toBeLessThan(0x80);
    }
  });

  it('writes a CA and a server certificate that OpenSSL reads and that chain to each other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'binome-tls-'));
    try {
      const tls = await ensureTls(dir);
      const ca = new X509Certificate(tls.caCertPem);
      const server = new X509Certificate(tls.serverCertPem);
      expect(ca.ca).toBe(true);
      expect(server.checkIssued(ca)).toBe(true);
      expect(server.verify(ca.publicKey)).toBe(true);
      expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces a kept CA that OpenSSL cannot read instead of serving a chain no client trusts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'binome-tls-'));
    try {
      await ensureTls(dir);
      writeFileSync(join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
      const tls = await ensureTls(dir);
      expect(new X509Certificate(tls.serverCertPem).checkIssued(new X509Certificate(tls.caCertPem))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
