/**
 * Reading broker settings from the command line and from a server.properties file. The file syntax is
 * java.util.Properties (comments, `=`/`:`/space separators, escapes, line continuations), parsed by the
 * dot-properties library; we add the one check it skips (Java rejects a malformed \uXXXX escape).
 * Input is text: the caller decodes the file (Java reads ISO-8859-1; we expect UTF-8, a superset for ASCII).
 */
import { createRequire } from 'node:module';
import { ConfigError } from './config-types.js';

// Required on the first file parsed, not at import: most starts have no --config-file (cold-start budget).
let dotProperties: typeof import('dot-properties') | undefined;
const parse = (text: string) => (dotProperties ??= createRequire(import.meta.url)('dot-properties') as typeof import('dot-properties')).parse(text);

/** Finds a `\u` escape not followed by four hex digits, honouring escaped backslashes; returns its line. */
function malformedUnicodeLine(text: string): number | undefined {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (c !== '\\') continue;
    const next = text[i + 1];
    if (next === 'u' && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return line;
    i++; // skip the escaped character, so "\\u" is a backslash then 'u'
    if (next === '\n') line++;
  }
  return undefined;
}

/** Parses server.properties text into key -> raw value (later keys win, as in Java). */
export function parseProperties(text: string, source = 'properties'): Map<string, string> {
  const bad = malformedUnicodeLine(text);
  if (bad !== undefined) throw new ConfigError('syntax', `${source}:${bad}: malformed \\uXXXX escape`);
  const tree = parse(text);
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(key, value);
  }
  return out;
}

/** Parses repeated `--config key=value` arguments (the first '=' splits; the value may contain '='). */
export function parseConfigArgs(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = eq < 0 ? '' : arg.slice(0, eq).trim();
    if (key === '') throw new ConfigError('syntax', `--config expects key=value, got '${arg}'`);
    out.set(key, arg.slice(eq + 1));
  }
  return out;
}
