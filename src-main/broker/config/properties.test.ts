import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config-types.js';
import { parseConfigArgs, parseProperties } from './properties.js';

const dir = mkdtempSync(join(tmpdir(), 'tp-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseProperties (java.util.Properties syntax)', () => {
  it('reads a server.properties file with comments, separators, escapes and continuations', () => {
    const file = join(dir, 'server.properties');
    writeFileSync(file, [
      '# Kafka sample',
      '! also a comment',
      '',
      'num.partitions=3',
      'log.retention.hours : 24',
      'auto.create.topics.enable false',
      '   log.dirs = /tmp/a,\\',
      '              /tmp/b',
      'key\\ with\\ spaces=v\\u0041\\tz',
      'listeners=PLAINTEXT://127.0.0.1:9092',
      'num.partitions=5',
      'empty.value=',
      'windows.line=1\r',
    ].join('\n'));
    const props = parseProperties(readFileSync(file, 'utf8'));
    expect(props.get('num.partitions')).toBe('5'); // later keys win
    expect(props.get('log.retention.hours')).toBe('24');
    expect(props.get('auto.create.topics.enable')).toBe('false');
    expect(props.get('log.dirs')).toBe('/tmp/a,/tmp/b');
    expect(props.get('key with spaces')).toBe('vA\tz');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:9092');
    expect(props.get('empty.value')).toBe('');
    expect(props.get('windows.line')).toBe('1');
    expect(props.has('# Kafka sample')).toBe(false);
    expect(props.size).toBe(8);
  });

  it('rejects a malformed \\u escape with its line number', () => {
    expect(() => parseProperties('a=1\nb=\\uZZ12\n', 'server.properties'))
      .toThrow('server.properties:2: malformed \\uXXXX escape');
    // An escaped backslash followed by u is fine.
    expect(parseProperties('a=c:\\\\users').get('a')).toBe('c:\\users');
  });
});

describe('parseConfigArgs', () => {
  it('splits on the first =', () => {
    const m = parseConfigArgs(['num.partitions=3', 'listeners=PLAINTEXT://h:1', 'x.y=a=b', 'empty=']);
    expect([...m]).toEqual([['num.partitions', '3'], ['listeners', 'PLAINTEXT://h:1'], ['x.y', 'a=b'], ['empty', '']]);
  });

  it('rejects arguments without key=value', () => {
    expect(() => parseConfigArgs(['num.partitions'])).toThrow("--config expects key=value, got 'num.partitions'");
    expect(() => parseConfigArgs(['=3'])).toThrow(ConfigError);
  });
});
