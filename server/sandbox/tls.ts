import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import forge from 'node-forge';

/** The sandbox's own certificate authority and the loopback server certificate it signs. */
export interface SandboxTls {
  caCertPem: string;
  caCertPath: string;
  serverCertPem: string;
  serverKeyPem: string;
}

const caFile = 'ca.pem';
const caKeyFile = 'ca-key.pem';
const serverFile = 'server.pem';
const serverKeyFile = 'server-key.pem';
const day = 24 * 3600 * 1000;

function serialNumber(): string {
  // A positive serial: the first hex digit stays below 8.
  return `0${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
}

function createCa(): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - day);
  cert.validity.notAfter = new Date(Date.now() + 3650 * day);
  const subject = [
    { name: 'commonName', value: 'Binome sandbox local CA' },
    { name: 'organizationName', value: 'Binome sandbox' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

function createServerCert(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }): {
  certPem: string;
  keyPem: string;
} {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialNumber();
  cert.validity.notBefore = new Date(Date.now() - day);
  cert.validity.notAfter = new Date(Date.now() + 825 * day);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: forge.pki.privateKeyToPem(keys.privateKey) };
}

/**
 * Loads the CA and server certificate kept in `stateDir`, creating them on first
 * start: clients trust the CA once and keep trusting it across restarts.
 */
export async function ensureTls(stateDir: string): Promise<SandboxTls> {
  await mkdir(stateDir, { recursive: true });
  const paths = {
    ca: join(stateDir, caFile),
    caKey: join(stateDir, caKeyFile),
    server: join(stateDir, serverFile),
    serverKey: join(stateDir, serverKeyFile),
  };
  if (!existsSync(paths.ca) || !existsSync(paths.caKey)) {
    const ca = createCa();
    const server = createServerCert(ca);
    await writeFile(paths.caKey, forge.pki.privateKeyToPem(ca.key), { mode: 0o600 });
    await writeFile(paths.ca, forge.pki.certificateToPem(ca.cert));
    await writeFile(paths.serverKey, server.keyPem, { mode: 0o600 });
    await writeFile(paths.server, server.certPem);
  } else if (!existsSync(paths.server) || !existsSync(paths.serverKey)) {
    const ca = {
      cert: forge.pki.certificateFromPem(await readFile(paths.ca, 'utf8')),
      key: forge.pki.privateKeyFromPem(await readFile(paths.caKey, 'utf8')),
    };
    const server = createServerCert(ca);
    await writeFile(paths.serverKey, server.keyPem, { mode: 0o600 });
    await writeFile(paths.server, server.certPem);
  }
  return {
    caCertPem: await readFile(paths.ca, 'utf8'),
    caCertPath: paths.ca,
    serverCertPem: await readFile(paths.server, 'utf8'),
    serverKeyPem: await readFile(paths.serverKey, 'utf8'),
  };
}
