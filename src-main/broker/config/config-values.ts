/**
 * Parsing and checking one config value the way Kafka's ConfigDef does (trimmed strings, Java number
 * syntax, comma lists, case-insensitive booleans), and turning a parsed value back into the string Kafka
 * shows (ConfigDef.convertToString: lists joined by ",", doubles as Java prints them).
 */
import {
  ConfigError, MAX_INT, MAX_LONG, MIN_INT, MIN_LONG, type ConfigDef, type ConfigTypeName, type ConfigValue, type Validator,
} from './config-types.js';

const TYPE_WORDS: Record<ConfigTypeName, string> = {
  BOOLEAN: 'a boolean (true or false)', STRING: 'a string', INT: 'an int', SHORT: 'a short', LONG: 'a long',
  DOUBLE: 'a double', LIST: 'a comma-separated list', CLASS: 'a class name', PASSWORD: 'a password',
};

const INTEGER = /^[+-]?\d+$/;
const DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/;

/** What the value must look like, for error messages: "a long >= -1", "one of [CreateTime, LogAppendTime]". */
export function describeExpectation(def: ConfigDef): string {
  const base = TYPE_WORDS[def.type];
  const v = def.validator;
  if (v === undefined) return base;
  switch (v.kind) {
    case 'range':
      if (v.min !== undefined && v.max !== undefined) return `${base} between ${v.min} and ${v.max}`;
      return v.min !== undefined ? `${base} >= ${v.min}` : `${base} <= ${String(v.max)}`;
    case 'in':
      return def.type === 'LIST' ? `a list of values from [${v.values.join(', ')}]` : `one of [${v.values.join(', ')}]`;
    case 'gzip-level': return `${base}: -1 or between 1 and 9`;
    case 'throttled-replicas': return `'*' or a list of partitionId:brokerId entries`;
    case 'metadata-version': return 'a Kafka version such as 3.0 or 3.0-IV1';
  }
}

function invalid(def: ConfigDef, raw: string): ConfigError {
  return new ConfigError('invalid-value', `${def.name} must be ${describeExpectation(def)}, got '${raw}'`, def.name);
}

function parseIntegral(def: ConfigDef, raw: string, min: number, max: number): number {
  const t = raw.trim();
  if (!INTEGER.test(t)) throw invalid(def, raw);
  const n = Number(t);
  if (n < min || n > max) throw invalid(def, raw);
  return n;
}

function parseTyped(def: ConfigDef, raw: string): ConfigValue {
  const t = raw.trim();
  switch (def.type) {
    case 'BOOLEAN': {
      const lower = t.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      throw invalid(def, raw);
    }
    case 'INT': return parseIntegral(def, raw, MIN_INT, MAX_INT);
    case 'SHORT': return parseIntegral(def, raw, -32768, 32767);
    case 'LONG': {
      if (!INTEGER.test(t)) throw invalid(def, raw);
      const n = BigInt(t);
      if (n < MIN_LONG || n > MAX_LONG) throw invalid(def, raw);
      return n;
    }
    case 'DOUBLE': {
      if (!DOUBLE.test(t)) throw invalid(def, raw);
      return Number(t.replace(/[dDfF]$/, ''));
    }
    case 'LIST': return t === '' ? [] : t.split(/\s*,\s*/);
    case 'STRING': case 'CLASS': case 'PASSWORD': return t;
  }
}

function inRange(value: number | bigint, v: Extract<Validator, { kind: 'range' }>): boolean {
  // Mixed comparisons of number and bigint are exact in JS, so the bound's type need not match the value's.
  if (v.min !== undefined && value < v.min) return false;
  if (v.max !== undefined && value > v.max) return false;
  return true;
}

function check(def: ConfigDef, value: ConfigValue, raw: string): void {
  const v = def.validator;
  if (v === undefined) return;
  switch (v.kind) {
    case 'range':
      if ((typeof value === 'number' || typeof value === 'bigint') && !inRange(value, v)) throw invalid(def, raw);
      return;
    case 'in': {
      const items = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
      if (items.some((item) => !v.values.includes(item))) throw invalid(def, raw);
      return;
    }
    case 'gzip-level':
      if (value !== -1 && !(typeof value === 'number' && value >= 1 && value <= 9)) throw invalid(def, raw);
      return;
    case 'throttled-replicas': {
      const items = value as readonly string[];
      const ok = (items.length === 1 && items[0] === '*') || items.every((item) => /^\d+:\d+$/.test(item));
      if (!ok) throw invalid(def, raw);
      return;
    }
    case 'metadata-version':
      if (!/^\d+\.\d+(\.\d+)?(-IV\d+)?$/.test(String(value))) throw invalid(def, raw);
      return;
  }
}

/** Parses and validates `raw` for `def`; throws ConfigError('invalid-value') with a readable message. */
export function parseConfigValue(def: ConfigDef, raw: string): ConfigValue {
  const value = parseTyped(def, raw);
  check(def, value, raw);
  return value;
}

/** Java's Double.toString for the values configs use: "0.5", "1.0", "1.0E-4", "1.0E7". */
export function javaDoubleString(d: number): string {
  if (!Number.isFinite(d)) return Number.isNaN(d) ? 'NaN' : d > 0 ? 'Infinity' : '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(d);
    return s.includes('.') ? s : `${s}.0`;
  }
  const [mantissa, exponent] = d.toExponential().split('e');
  const m = mantissa!.includes('.') ? mantissa! : `${mantissa}.0`;
  return `${m}E${Number(exponent)}`;
}

/** The string Kafka shows for a parsed value (ConfigDef.convertToString). */
export function formatConfigValue(def: ConfigDef, value: ConfigValue): string {
  if (Array.isArray(value)) return (value as readonly string[]).join(',');
  if (def.type === 'DOUBLE' && typeof value === 'number') return javaDoubleString(value);
  return String(value);
}

/** Parses, validates, and returns the canonical string form that is stored and shown. */
export function canonicalConfigValue(def: ConfigDef, raw: string): string {
  return formatConfigValue(def, parseConfigValue(def, raw));
}
