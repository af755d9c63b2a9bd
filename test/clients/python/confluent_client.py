#!/usr/bin/python3
"""python3-confluent-kafka (librdkafka) client program for the Tidepool integration suite.

Usage: confluent_client.py BOOTSTRAP SCENARIO [TOPIC] [ARGS...]; prints JSON lines (see scenario_data.py).
Scenarios: metadata, create, produce, consume, group-split, group-resume, offsets, compression, large,
config, idempotent. Each one exits non-zero after an {"event": "error"} line when anything goes wrong.
"""
import hashlib
import os
import sys
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition, OFFSET_BEGINNING
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

from scenario_data import COUNT, decode, deadline, emit, fail, headers_dict, message

CLIENT = "confluent"
BOOTSTRAP = sys.argv[1]
BASE = {"bootstrap.servers": BOOTSTRAP, "client.id": "tidepool-confluent"}


def producer(**extra):
    conf = dict(BASE, **{"acks": "all", "linger.ms": 5})
    conf.update({k.replace("_", "."): v for k, v in extra.items()})
    return Producer(conf)


def delivered(p, timeout=30):
    """Flushes and returns the delivery reports collected by on_delivery callbacks."""
    left = p.flush(timeout)
    if left:
        fail(f"{left} messages not delivered within {timeout}s")


def partitions_of(topic):
    md = Producer(BASE).list_topics(topic, timeout=10)
    t = md.topics[topic]
    if t.error is not None:
        fail(f"metadata for {topic}: {t.error}")
    return sorted(t.partitions)


def read_all(topic, timeout=30, **extra):
    """Reads every partition of topic from the beginning up to its high watermark, without a group."""
    conf = dict(BASE, **{"group.id": f"{topic}-reader", "enable.auto.commit": False, "enable.partition.eof": True})
    conf.update({k.replace("_", "."): v for k, v in extra.items()})
    c = Consumer(conf)
    parts = partitions_of(topic)
    high = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in parts}
    c.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in parts])
    out, pos, expired = [], {p: 0 for p in parts}, deadline(timeout)
    while any(pos[p] < high[p] for p in parts):
        if expired():
            fail(f"read_all timed out at {pos} of {high}")
        m = c.poll(0.5)
        if m is None or (m.error() and m.error().code() == KafkaError._PARTITION_EOF):
            continue
        if m.error():
            fail(f"consume: {m.error()}")
        pos[m.partition()] = m.offset() + 1
        out.append(m)
    c.close()
    return out


def msg_event(m, member=None):
    fields = dict(partition=m.partition(), offset=m.offset(), key=decode(m.key()), value=decode(m.value()),
                  headers=headers_dict(m.headers()))
    if member:
        fields["member"] = member
    emit("message", **fields)


def create(topic, partitions=3):
    admin = AdminClient(BASE)
    for t, f in admin.create_topics([NewTopic(topic, partitions, 1)], operation_timeout=10).items():
        f.result()
    emit("created", topic=topic, partitions=len(partitions_of(topic)))


def scenario_metadata(_topic=None):
    md = Producer(BASE).list_topics(timeout=10)
    emit("metadata", brokers=[{"id": b.id, "host": b.host, "port": b.port} for b in md.brokers.values()],
         topics={name: len(t.partitions) for name, t in md.topics.items()})


def scenario_produce(topic):
    p, parts, errors = producer(), {}, []

    def report(err, m):
        if err:
            errors.append(str(err))
        else:
            parts.setdefault(decode(m.key()), set()).add(m.partition())

    for i in range(COUNT):
        key, value, headers = message(i, CLIENT)
        p.produce(topic, key=key, value=value, headers=headers, on_delivery=report)
        p.poll(0)
    delivered(p)
    emit("produced", count=COUNT, errors=errors, keyPartitions={k: sorted(v) for k, v in parts.items()})


def scenario_consume(topic):
    msgs = read_all(topic)
    for m in msgs:
        msg_event(m)
    emit("consumed", count=len(msgs))


def group_consumer(group, name, assignments):
    def on_assign(_c, tps):
        assignments[name] = sorted(tp.partition for tp in tps)
        emit("assigned", member=name, partitions=assignments[name])

    def on_revoke(_c, tps):
        assignments[name] = []

    c = Consumer(dict(BASE, **{"group.id": group, "enable.auto.commit": False, "auto.offset.reset": "earliest",
                               "session.timeout.ms": 10000, "heartbeat.interval.ms": 500}))
    return c, on_assign, on_revoke


def scenario_group_split(topic, group, expected):
    expected, assignments = int(expected), {}
    members = {}
    for name in ("c1", "c2"):
        c, a, r = group_consumer(group, name, assignments)
        c.subscribe([topic], on_assign=a, on_revoke=r)
        members[name] = c
    seen, expired = set(), deadline(40)
    high = {p: members["c1"].get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in partitions_of(topic)}
    positions = {"c1": {}, "c2": {}}

    def caught_up():
        # Each member has read its current partitions to the end (what it read of a partition it lost is not
        # what it will commit).
        return all(positions[n].get(p, 0) >= high[p] for n in ("c1", "c2") for p in assignments.get(n) or [])

    # Both members poll in turn: a member that stops polling would miss the rebalance.
    while len(seen) < expected or not (assignments.get("c1") and assignments.get("c2")) or not caught_up():
        if expired():
            fail(f"group split timed out: {len(seen)}/{expected} messages, assignments {assignments}")
        for name, c in members.items():
            m = c.poll(0.1)
            if m is None or m.error():
                continue
            seen.add((m.partition(), m.offset()))
            positions[name][m.partition()] = m.offset() + 1
            msg_event(m, name)
    emit("split", assignments={k: v for k, v in assignments.items()})
    for c in members.values():
        c.commit(asynchronous=False)
    committed = members["c1"].committed([TopicPartition(topic, p) for p in partitions_of(topic)], timeout=10)
    emit("committed", offsets={str(tp.partition): tp.offset for tp in committed})
    members["c2"].close()  # leaves the group: c1 must be given every partition
    expired = deadline(30)
    while assignments.get("c1") != partitions_of(topic):
        if expired():
            fail(f"no rebalance after c2 left: {assignments}")
        members["c1"].poll(0.2)
    emit("rebalanced", member="c1", partitions=assignments["c1"])
    members["c1"].close()


def scenario_group_resume(topic, group):
    assignments = {}
    c, a, r = group_consumer(group, "c1", assignments)
    c.subscribe([topic], on_assign=a, on_revoke=r)
    parts = partitions_of(topic)
    high = {p: c.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in parts}
    committed = c.committed([TopicPartition(topic, p) for p in parts], timeout=10)
    emit("committed", offsets={str(tp.partition): tp.offset for tp in committed})
    pos = {tp.partition: max(tp.offset, 0) for tp in committed}
    expired = deadline(30)
    while any(pos[p] < high[p] for p in parts):
        if expired():
            fail(f"resume timed out at {pos} of {high}")
        m = c.poll(0.2)
        if m is None or m.error():
            continue
        pos[m.partition()] = m.offset() + 1
        msg_event(m, "c1")
    c.commit(asynchronous=False)
    c.close()
    emit("resumed", positions={str(p): o for p, o in pos.items()})


def scenario_offsets(topic):
    create(topic, 1)
    base = (int(time.time()) - 3600) * 1000
    p = producer()
    for i in range(3):
        p.produce(topic, key=f"k{i}", value=f"t{i}", timestamp=base + i * 1000)
    delivered(p)
    c = Consumer(dict(BASE, **{"group.id": f"{topic}-offsets"}))
    low, high = c.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
    by_time = {}
    for rel in (0, 500, 1500, 5000):
        r = c.offsets_for_times([TopicPartition(topic, 0, base + rel)], timeout=10)[0]
        by_time[str(rel)] = r.offset
    c.close()
    emit("offsets", earliest=low, latest=high, byTime=by_time)


def scenario_compression(topic):
    for codec in ("none", "gzip", "snappy", "lz4", "zstd"):
        t = f"{topic}-{codec}"
        create(t, 1)
        p = producer(compression_type=codec)
        values = [f"{codec}-{i}-" + "x" * 200 for i in range(20)]
        for v in values:
            p.produce(t, key="k", value=v)
        delivered(p)
        got = [decode(m.value()) for m in read_all(t)]
        emit("codec", codec=codec, produced=len(values), consumed=len(got), match=got == values)


def scenario_large(topic):
    create(topic, 1)
    # The client's own limit is raised so that the broker, not librdkafka, judges the oversized message.
    p, results = producer(message_max_bytes=3_000_000), []
    big = os.urandom(900 * 1024)
    too_big = os.urandom(1_200_000)

    def report(err, m):
        results.append((len(m.value()), None if err is None else err))

    for payload in (big, too_big, b"after"):
        p.produce(topic, key="k", value=payload, on_delivery=report)
        delivered(p)
    for size, err in results:
        emit("delivery", size=size, ok=err is None, error=None if err is None else err.name(),
             code=None if err is None else err.code())
    msgs = read_all(topic)
    emit("read", sizes=[len(m.value()) for m in msgs],
         bigIntact=any(hashlib.sha256(m.value()).digest() == hashlib.sha256(big).digest() for m in msgs))


def scenario_config(topic):
    create(topic, 3)
    admin = AdminClient(BASE)

    def read():
        res = ConfigResource("topic", topic)
        entries = admin.describe_configs([res])[res].result()
        e = entries["retention.ms"]
        return e.value, str(e.source)

    before = read()
    res = ConfigResource("topic", topic, set_config={"retention.ms": "3600000"})
    admin.alter_configs([res])[res].result()
    after = read()
    emit("config", before=before[0], beforeSource=before[1], after=after[0], afterSource=after[1])
    for f in admin.delete_topics([topic], operation_timeout=10).values():
        f.result()
    expired = deadline(10)
    while topic in admin.list_topics(timeout=10).topics:
        if expired():
            fail("topic still listed after delete")
        time.sleep(0.2)
    emit("deleted", topic=topic, listed=False)


def scenario_idempotent(topic, mode="on"):
    """mode off: the same producer without idempotence (the control of the lost-acknowledgement test)."""
    create(topic, 3)
    p, errors = producer(enable_idempotence=mode == "on"), []
    for i in range(200):
        p.produce(topic, key=f"key-{i % 10}", value=f"v-{i}",
                  on_delivery=lambda err, m: err and errors.append(str(err)))
    delivered(p)
    values = [decode(m.value()) for m in read_all(topic)]
    emit("idempotent", produced=200, errors=errors, consumed=len(values), unique=len(set(values)))


SCENARIOS = {
    "metadata": scenario_metadata, "create": create, "produce": scenario_produce, "consume": scenario_consume,
    "group-split": scenario_group_split, "group-resume": scenario_group_resume, "offsets": scenario_offsets,
    "compression": scenario_compression, "large": scenario_large, "config": scenario_config,
    "idempotent": scenario_idempotent,
}

if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[2] not in SCENARIOS:
        fail(f"usage: {sys.argv[0]} BOOTSTRAP ({'|'.join(SCENARIOS)}) [TOPIC] [ARGS...]")
    try:
        SCENARIOS[sys.argv[2]](*sys.argv[3:])
    except SystemExit:
        raise
    except Exception as e:  # any client exception becomes one error line the suite can show
        fail(f"{type(e).__name__}: {e}")
    emit("done")
