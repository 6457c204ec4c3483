import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { readDemoConfig } from '../config/schema.ts';

const usage = 'usage: binome demo-token (--as <email> | --role hr|mentor|mentee) [--api URL] [--tenant ID]';

interface DemoTokenArgs {
  as: string | undefined;
  role: 'hr' | 'mentor' | 'mentee' | undefined;
  api: string;
  tenant: string | undefined;
}

function parseArgs(args: string[], env: NodeJS.ProcessEnv): DemoTokenArgs | string {
  const parsed: DemoTokenArgs = { as: undefined, role: undefined, api: `http://127.0.0.1:${env.BINOME_PORT ?? '3000'}`, tenant: undefined };
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if (value === undefined || value.startsWith('--')) return `${name ?? ''} expects a value`;
    if (name === '--as') parsed.as = value;
    else if (name === '--role') {
      if (value !== 'hr' && value !== 'mentor' && value !== 'mentee') return `--role is hr, mentor or mentee (got ${value})`;
      parsed.role = value;
    } else if (name === '--api') parsed.api = value.replace(/\/+$/, '');
    else if (name === '--tenant') parsed.tenant = value;
    else return `unknown option ${name ?? ''}`;
  }
  if ((parsed.as === undefined) === (parsed.role === undefined)) return 'say who: --as <email> or --role hr|mentor|mentee (one of them)';
  return parsed;
}

/** The demo's named mentor and mentee: the first of each role in the demo's enrolment file. */
function enrolledAs(role: 'mentor' | 'mentee', env: NodeJS.ProcessEnv): string | undefined {
  const enrolments = join(dirname(resolve(readDemoConfig(env).fixture)), 'enrolments.csv');
  const rows = z.array(z.object({ email: z.string(), role: z.string() })).parse(parse(readFileSync(enrolments, 'utf8'), { columns: true, skip_empty_lines: true }));
  return rows.find((row) => row.role === role)?.email;
}

const Answer = z.object({ token: z.string().min(1) });
const Refusal = z.object({ code: z.string(), message: z.string() });

/**
 * `binome demo-token`: one line on stdout, a one-hour bearer token for the running
 * demo, signed by the demo's sandbox emulator. The service hands it out itself
 * (POST /auth/demo-token) and only for a sandbox tenant, to a caller on the same
 * machine: the demo sign-in page already lets anyone there be anyone, and no key
 * or secret leaves the service's data folder.
 */
export async function runDemoTokenCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, process.env);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n${usage}\n`);
    return 2;
  }
  let body: { as?: string; role?: 'hr'; tenant?: string };
  if (parsed.role === 'mentor' || parsed.role === 'mentee') {
    const email = enrolledAs(parsed.role, process.env);
    if (email === undefined) {
      process.stderr.write(`the demo enrolments name no ${parsed.role}\n`);
      return 1;
    }
    body = { as: email };
  } else {
    body = parsed.role === 'hr' ? { role: 'hr' } : { as: parsed.as ?? '' };
  }
  if (parsed.tenant !== undefined) body.tenant = parsed.tenant;
  let response: Response;
  try {
    response = await fetch(`${parsed.api}/auth/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    process.stderr.write(`no Binome service answers at ${parsed.api} (${error instanceof Error ? error.message : String(error)}): is \`npm start\` running? (--api URL)\n`);
    return 1;
  }
  const text = await response.text();
  if (!response.ok) {
    const refusal = Refusal.safeParse(JSON.parse(text || '{}'));
    process.stderr.write(`${parsed.api} refused: ${refusal.success ? `${refusal.data.code}: ${refusal.data.message}` : `${response.status} ${text}`}\n`);
    return 1;
  }
  process.stdout.write(`${Answer.parse(JSON.parse(text)).token}\n`);
  return 0;
}
