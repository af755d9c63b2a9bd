#!/usr/bin/env python3
"""Compressed forms of one payload made by third-party encoders (python-snappy, python-lz4, zstandard, gzip,
kafka-python's xerial and legacy-LZ4 writers), to check that our decompress accepts what real clients send.
Regenerate with: /usr/bin/python3 codec-golden.py > codec-golden.json
The payload is rebuilt by the test: lines 'line <i> of the golden payload\\n' for i in 0..2499.
"""
import gzip
import json
import sys

import lz4.frame
import snappy
import zstandard
from kafka import codec as kc

payload = b''.join(b'line %d of the golden payload\n' % i for i in range(2500))
half = len(payload) // 2
cases = {
    'snappy-raw': (2, snappy.compress(payload)),
    'snappy-xerial': (2, kc.snappy_encode(payload, xerial_compatible=True, xerial_blocksize=32 * 1024)),
    'lz4-kafka-python': (3, kc.lz4_encode(payload)),
    'lz4-legacy-checksum': (3, kc.lz4_encode_old_kafka(payload)),
    'lz4-checksums-and-size': (3, lz4.frame.compress(payload, block_size=lz4.frame.BLOCKSIZE_MAX64KB, content_checksum=True,
                                                     block_checksum=True, store_size=True)),
    'lz4-independent-checksums': (3, lz4.frame.compress(payload, block_size=lz4.frame.BLOCKSIZE_MAX64KB, block_linked=False, store_size=False,
                                                        content_checksum=True, block_checksum=True)),
    'lz4-linked-blocks': (3, lz4.frame.compress(payload, block_size=lz4.frame.BLOCKSIZE_MAX64KB, block_linked=True)),
    'zstd-with-size': (4, zstandard.ZstdCompressor(write_content_size=True).compress(payload)),
    'zstd-without-size': (4, zstandard.ZstdCompressor(write_content_size=False, write_checksum=True).compress(payload)),
    'zstd-two-frames': (4, zstandard.ZstdCompressor().compress(payload[:half]) + zstandard.ZstdCompressor().compress(payload[half:])),
    'gzip-one-member': (1, gzip.compress(payload, mtime=0)),
    'gzip-two-members': (1, gzip.compress(payload[:half], mtime=0) + gzip.compress(payload[half:], mtime=0)),
}
json.dump({k: {'codec': c, 'hex': v.hex()} for k, (c, v) in cases.items()}, sys.stdout, indent=1)
sys.stdout.write('\n')
