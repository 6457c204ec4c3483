import { X509Certificate, createPrivateKey, generateKeyPair, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

/**
 * A positive serial in minimal DER: OpenSSL refuses an INTEGER padded with a
 * needless zero byte ("illegal padding") and Node then silently drops such a CA from
 * a client's trust, so the first byte is kept in 0x40–0x7f (never zero, never signed).
 */
export function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x3f) | 0x40;
  return bytes.toString('hex');
}

/** A key pair made by Node (native, off the main thread): forge's pure-JS RSA takes seconds for two keys. */
interface KeyPair {
  privateKey: KeyObject;
  /** The same public key as forge holds it, for the certificate it goes into. */
  forgePublicKey: forge.pki.rsa.PublicKey;
}

async function newKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const forgePublicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return { privateKey, forgePublicKey: forgePublicKey as forge.pki.rsa.PublicKey };
}

function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs1', format: 'pem' }).toString();
}

/**
 * Signs with Node: forge builds the certificate, but its RSA signature is pure JS
 * (a third of a second each on a loaded machine). forge's `sign` only asks the key
 * to sign the digest it fed, so the signer collects the bytes and lets Node sign them.
 */
function signWithNode(cert: forge.pki.Certificate, key: KeyObject): void {
  let tbs = '';
  const digest = {
    algorithm: 'sha256',
    update(bytes: string) {
      tbs += bytes;
      return digest;
    },
  };
  const signer = { sign: () => sign('sha256', Buffer.from(tbs, 'binary'), key).toString('binary') };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, digest as unknown as forge.md.MessageDigest);
}

interface Authority {
  cert: forge.pki.Certificate;
  key: KeyObject;
}

function createCa(keys: KeyPair): Authority {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublicKey;
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
  signWithNode(cert, keys.privateKey);
  return { cert, key: keys.privateKey };
}

function createServerCert(ca: Authority, keys: KeyPair): { certPem: string; keyPem: string } {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.forgePublicKey;
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
  signWithNode(cert, ca.key);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: privateKeyPem(keys.privateKey) };
}

/** Whether OpenSSL reads the PEM file: a CA written before serials were drawn safely may not be. */
async function readable(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    new X509Certificate(await readFile(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads the CA and server certificate kept in `stateDir`, creating them on first
 * start (or when OpenSSL cannot read the CA kept there): clients trust the CA once
 * and keep trusting it across restarts.
 */
export async function ensureTls(stateDir: string): Promise<SandboxTls> {
  await mkdir(stateDir, { recursive: true });
  const paths = {
    ca: join(stateDir, caFile),
    caKey: join(stateDir, caKeyFile),
    server: join(stateDir, serverFile),
    serverKey: join(stateDir, serverKeyFile),
  };
  if (!(await readable(paths.ca)) || !existsSync(paths.caKey)) {
    const [caKeys, serverKeys] = await Promise.all([newKeyPair(), newKeyPair()]);
    const ca = createCa(caKeys);
    const server = createServerCert(ca, serverKeys);
    await writeFile(paths.caKey, privateKeyPem(ca.key), { mode: 0o600 });
    await writeFile(paths.ca, forge.pki.certificateToPem(ca.cert));
    await writeFile(paths.serverKey, server.keyPem, { mode: 0o600 });
    await writeFile(paths.server, server.certPem);
  } else if (!existsSync(paths.server) || !existsSync(paths.serverKey)) {
    const ca = {
      cert: forge.pki.certificateFromPem(await readFile(paths.ca, 'utf8')),
      key: createPrivateKey(await readFile(paths.caKey, 'utf8')),
    };
    const server = createServerCert(ca, await newKeyPair());
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
