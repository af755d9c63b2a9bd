#!/usr/bin/env python3
"""Reads record data we encoded (v2 batches or legacy message sets) with kafka-python's own readers.

stdin: JSON list of hex strings. stdout: JSON list, per input, of
{crcOk: bool, batches: [{magic, codec, records: [{offset, timestamp, key, value, headers}]}]}.
"""
import json
import sys

from kafka.record import MemoryRecords


def hx(b):
    return None if b is None else bytes(b).hex()


out = []
for h in json.load(sys.stdin):
    mr = MemoryRecords(bytes.fromhex(h))
    crc_ok = True
    batches = []
    while True:
        batch = mr.next_batch()
        if batch is None:
            break
        crc_ok = crc_ok and batch.validate_crc()
        recs = []
        for r in batch:
            ts = r.timestamp
            recs.append({'offset': r.offset, 'timestamp': -1 if ts is None else ts, 'key': hx(r.key), 'value': hx(r.value),
                         'headers': [[k, hx(v)] for k, v in r.headers]})
        batches.append({'magic': getattr(batch, 'magic', None) or getattr(batch, '_magic', None), 'codec': batch.compression_type, 'records': recs})
    out.append({'crcOk': crc_ok, 'batches': batches})
json.dump(out, sys.stdout)
