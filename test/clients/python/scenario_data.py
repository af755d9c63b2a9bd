"""Shared data and output helpers for the Python client programs of the integration suite.

Every client program prints JSON lines on stdout (one event per line); the vitest suite parses them.
The message set is the same for every client so that the suite checks all clients with one set of rules.
"""
import json
import sys
import time

COUNT = 1000
KEYS = 10


def emit(event, **fields):
    fields["event"] = event
    sys.stdout.write(json.dumps(fields, sort_keys=True) + "\n")
    sys.stdout.flush()


def message(i, client):
    """Message i of the keyed set: key key-(i % 10), value v-i, headers h-index and h-client."""
    return f"key-{i % KEYS}", f"v-{i}", [("h-index", str(i).encode()), ("h-client", client.encode())]


def decode(b):
    return None if b is None else b.decode("utf-8", "replace")


def headers_dict(headers):
    return {k: decode(v) for k, v in (headers or [])}


def deadline(seconds):
    end = time.monotonic() + seconds
    return lambda: time.monotonic() > end


def fail(message):
    emit("error", message=str(message))
    sys.exit(1)
