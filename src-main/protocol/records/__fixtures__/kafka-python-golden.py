#!/usr/bin/env python3
"""Golden record bytes built by kafka-python's own pure-Python builders (independent of our TS code).

Usage: kafka-python-golden.py [codec,...]   (default: every codec kafka-python can use here)
       kafka-python-golden.py --available   (JSON list of those codecs)
Prints JSON: a list of cases {name, format, magic, codec, hex, attrs, records}. The records tests run this
live for every codec available (at least none,gzip, which is all CI has) and keep the full output (snappy, lz4, zstd too) as kafka-python-golden.json,
regenerated with: /usr/bin/python3 kafka-python-golden.py > kafka-python-golden.json
"""
import json
import sys

from kafka import codec as kc
from kafka.record.default_records import DefaultRecordBatchBuilder
from kafka.record.legacy_records import LegacyRecordBatchBuilder

CODECS = {'none': 0, 'gzip': 1, 'snappy': 2, 'lz4': 3, 'zstd': 4}
# Legacy (magic 0) LZ4 also needs the xxhash module for kafka-python's old-Kafka header checksum.
AVAILABLE = {'none': True, 'gzip': kc.has_gzip(), 'snappy': kc.has_snappy(), 'lz4': kc.has_lz4() and kc.xxhash is not None,
             'zstd': kc.has_zstd()}


def hx(b):
    return None if b is None else bytes(b).hex()


def specs(n, base_ts):
    """Compressible records with null keys, null values (tombstones) and headers."""
    out = []
    for i in range(n):
        key = None if i % 5 == 4 else ('key-%d' % (i % 3)).encode()
        value = None if i % 7 == 6 else (('{"id":%d,"user":"user-%d","event":"click"}' % (i, i * 31 % 17)) * 3).encode()
        headers = [('trace', ('t-%d' % i).encode()), ('empty', None)] if i % 2 == 0 else []
        out.append({'offset': i, 'timestamp': base_ts + i * 11, 'key': key, 'value': value, 'headers': headers})
    return out


def v2_case(name, codec, transactional=False, pid=-1, epoch=-1, seq=-1):
    recs = specs(12, 1700000000000)
    b = DefaultRecordBatchBuilder(magic=2, compression_type=CODECS[codec], is_transactional=transactional,
                                  producer_id=pid, producer_epoch=epoch, base_sequence=seq, batch_size=1 << 20)
    for r in recs:
        b.append(r['offset'], timestamp=r['timestamp'], key=r['key'], value=r['value'], headers=r['headers'])
    return {'name': name, 'format': 'v2', 'magic': 2, 'codec': CODECS[codec], 'hex': hx(b.build()),
            'attrs': {'transactional': transactional, 'producerId': pid, 'producerEpoch': epoch, 'baseSequence': seq},
            'records': [{'offset': r['offset'], 'timestamp': r['timestamp'], 'key': hx(r['key']), 'value': hx(r['value']),
                         'headers': [[k, hx(v)] for k, v in r['headers']]} for r in recs]}


def legacy_case(name, magic, codec):
    recs = specs(9, 1600000000000)
    b = LegacyRecordBatchBuilder(magic=magic, compression_type=CODECS[codec], batch_size=1 << 20)
    for r in recs:
        b.append(r['offset'], timestamp=r['timestamp'] if magic == 1 else None, key=r['key'], value=r['value'])
    return {'name': name, 'format': 'legacy', 'magic': magic, 'codec': CODECS[codec], 'hex': hx(b.build()),
            'attrs': {},
            'records': [{'offset': r['offset'], 'timestamp': r['timestamp'] if magic == 1 else -1, 'key': hx(r['key']),
                         'value': hx(r['value']), 'headers': []} for r in recs]}


def main():
    if sys.argv[1:] == ['--available']:
        json.dump([c for c in CODECS if AVAILABLE[c]], sys.stdout)
        return
    wanted = sys.argv[1].split(',') if len(sys.argv) > 1 else [c for c in CODECS if AVAILABLE[c]]
    missing = [c for c in wanted if not AVAILABLE.get(c)]
    if missing:
        sys.exit('kafka-python cannot use codecs: %s' % ','.join(missing))
    cases = []
    for c in wanted:
        cases.append(v2_case('v2-%s' % c, c))
        cases.append(v2_case('v2-%s-txn' % c, c, transactional=True, pid=123456789012, epoch=7, seq=2147483640))
        if c != 'zstd':
            cases.append(legacy_case('v0-%s' % c, 0, c))
            cases.append(legacy_case('v1-%s' % c, 1, c))
    json.dump(cases, sys.stdout, indent=1)
    sys.stdout.write('\n')


main()
