#!/usr/bin/python3
"""python3-kafka (kafka-python 2.0.2) client program for the Tidepool integration suite.

Usage: kafka_python_client.py BOOTSTRAP SCENARIO [TOPIC] [ARGS...]; prints JSON lines (see scenario_data.py).
Scenarios: metadata, create, produce, consume, group-split, group-resume, offsets, compression, large, config.
kafka-python 2.0.2 has no idempotent producer, so there is no idempotent scenario here.
"""
import hashlib
import logging
import os
import sys
import threading
import time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, NewTopic
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.errors import KafkaError

from scenario_data import COUNT, decode, deadline, emit, fail, headers_dict, message

CLIENT = "kafka-python"
BOOTSTRAP = sys.argv[1]
BASE = {"bootstrap_servers": BOOTSTRAP, "client_id": "tidepool-kafka-python"}


def producer(**extra):
    return KafkaProducer(**dict(BASE, acks="all", linger_ms=5, **extra))


def consumer(**extra):
    return KafkaConsumer(**dict(BASE, enable_auto_commit=False, auto_offset_reset="earliest", **extra))


def partitions_of(topic):
    c = consumer()
    expired = deadline(10)
    parts = c.partitions_for_topic(topic)
    while not parts:
        if expired():
            fail(f"no metadata for {topic}")
        time.sleep(0.1)
        parts = c.partitions_for_topic(topic)
    c.close()
    return sorted(parts)


class ReadTimeout(Exception):
    pass


def read_all(topic, timeout=30, **extra):
    """Reads every partition of topic from the beginning up to its end offset, without a group."""
    c = consumer(**extra)
    tps = [TopicPartition(topic, p) for p in partitions_of(topic)]
    c.assign(tps)
    c.seek_to_beginning(*tps)
    high = c.end_offsets(tps)
    out, pos, expired = [], {tp: 0 for tp in tps}, deadline(timeout)
    while any(pos[tp] < high[tp] for tp in tps):
        if expired():
            c.close()
            raise ReadTimeout(f"read_all timed out at {pos} of {high}")
        for tp, records in c.poll(timeout_ms=500).items():
            for r in records:
                pos[tp] = r.offset + 1
                out.append(r)
    c.close()
    return out


def msg_event(r, member=None):
    fields = dict(partition=r.partition, offset=r.offset, key=decode(r.key), value=decode(r.value),
                  headers=headers_dict(r.headers))
    if member:
        fields["member"] = member
    emit("message", **fields)


def create(topic, partitions=3):
    admin = KafkaAdminClient(**BASE)
    admin.create_topics([NewTopic(topic, int(partitions), 1)], timeout_ms=10000)
    admin.close()
    emit("created", topic=topic, partitions=len(partitions_of(topic)))


def scenario_metadata(_topic=None):
    admin = KafkaAdminClient(**BASE)
    cluster = admin.describe_cluster()
    topics = admin.describe_topics()
    admin.close()
    emit("metadata", brokers=[{"id": b["node_id"], "host": b["host"], "port": b["port"]} for b in cluster["brokers"]],
         topics={t["topic"]: len(t["partitions"]) for t in topics})


def scenario_produce(topic):
    p, parts, errors, futures = producer(), {}, [], []
    for i in range(COUNT):
        key, value, headers = message(i, CLIENT)
        futures.append((key, p.send(topic, key=key.encode(), value=value.encode(), headers=headers)))
    p.flush(30)
    for key, f in futures:
        try:
            parts.setdefault(key, set()).add(f.get(timeout=30).partition)
        except KafkaError as e:
            errors.append(repr(e))
    p.close()
    emit("produced", count=COUNT, errors=errors, keyPartitions={k: sorted(v) for k, v in parts.items()})


def scenario_consume(topic):
    msgs = read_all(topic)
    for r in msgs:
        msg_event(r)
    emit("consumed", count=len(msgs))


class Listener(ConsumerRebalanceListener):
    def __init__(self, name, assignments):
        self.name, self.assignments = name, assignments

    def on_partitions_revoked(self, revoked):
        self.assignments[self.name] = []

    def on_partitions_assigned(self, assigned):
        self.assignments[self.name] = sorted(tp.partition for tp in assigned)
        emit("assigned", member=self.name, partitions=self.assignments[self.name])


def group_member(group, name, topic, assignments):
    # max_poll_interval_ms is the rebalance timeout kafka-python sends: bounded so a lost member cannot stall a join.
    c = consumer(group_id=group, session_timeout_ms=10000, heartbeat_interval_ms=500, max_poll_interval_ms=20000)
    c.subscribe([topic], listener=Listener(name, assignments))
    return c


class Member(threading.Thread):
    """One group member polling in its own thread: kafka-python joins inside poll() and blocks there until the
    rebalance completes, so two members polled in turn from one thread would wait for each other."""

    def __init__(self, name, consumer, seen, lock):
        super().__init__(daemon=True)
        self.name, self.consumer, self.seen, self.lock = name, consumer, seen, lock
        self.positions = {}  # partition -> next offset this member will read
        self.stopping = threading.Event()
        self.error = None

    def run(self):
        try:
            while not self.stopping.is_set():
                for records in self.consumer.poll(timeout_ms=100).values():
                    with self.lock:
                        for r in records:
                            self.seen.add((r.partition, r.offset))
                            self.positions[r.partition] = r.offset + 1
                            msg_event(r, self.name)
        except Exception as e:  # reported by the main thread
            self.error = e

    def stop(self):
        self.stopping.set()
        self.join(30)


def scenario_group_split(topic, group, expected):
    expected, assignments, seen, lock = int(expected), {}, set(), threading.Lock()
    members = {name: Member(name, group_member(group, name, topic, assignments), seen, lock) for name in ("c1", "c2")}
    high = {tp.partition: o for tp, o in consumer().end_offsets([TopicPartition(topic, p) for p in partitions_of(topic)]).items()}

    def caught_up():
        # Each member has read its current partitions to the end (what it read of a partition it lost is not
        # what it will commit).
        with lock:
            return all(members[n].positions.get(p, 0) >= high[p] for n in ("c1", "c2") for p in assignments.get(n) or [])

    for m in members.values():
        m.start()
    expired = deadline(40)
    while len(seen) < expected or not (assignments.get("c1") and assignments.get("c2")) or not caught_up():
        errors = [m.error for m in members.values() if m.error]
        if errors:
            fail(f"group member failed: {errors[0]!r}")
        if expired():
            fail(f"group split timed out: {len(seen)}/{expected} messages, assignments {assignments}")
        time.sleep(0.05)
    emit("split", assignments=dict(assignments))
    for m in members.values():
        m.stop()  # commit() is not thread-safe against poll(): stop polling first
        m.consumer.commit()
    parts = partitions_of(topic)
    emit("committed", offsets={str(p): members["c1"].consumer.committed(TopicPartition(topic, p)) for p in parts})
    members["c2"].consumer.close()  # sends LeaveGroup: c1 must be given every partition
    c1 = members["c1"].consumer
    expired = deadline(30)
    while assignments.get("c1") != parts:
        if expired():
            fail(f"no rebalance after c2 left: {assignments}")
        c1.poll(timeout_ms=200)
    emit("rebalanced", member="c1", partitions=assignments["c1"])
    c1.close()


def scenario_group_resume(topic, group):
    c = group_member(group, "c1", topic, {})
    parts = partitions_of(topic)
    tps = [TopicPartition(topic, p) for p in parts]
    committed = {p: c.committed(TopicPartition(topic, p)) for p in parts}
    emit("committed", offsets={str(p): o for p, o in committed.items()})
    high = c.end_offsets(tps)
    pos = {p: committed[p] or 0 for p in parts}
    expired = deadline(30)
    while any(pos[tp.partition] < high[tp] for tp in tps):
        if expired():
            fail(f"resume timed out at {pos} of {high}")
        for records in c.poll(timeout_ms=200).values():
            for r in records:
                pos[r.partition] = r.offset + 1
                msg_event(r, "c1")
    c.commit()
    c.close()
    emit("resumed", positions={str(p): o for p, o in pos.items()})


def scenario_offsets(topic):
    create(topic, 1)
    base = (int(time.time()) - 3600) * 1000
    p = producer()
    for i in range(3):
        p.send(topic, key=f"k{i}".encode(), value=f"t{i}".encode(), timestamp_ms=base + i * 1000).get(timeout=30)
    p.close()
    c = consumer()
    tp = TopicPartition(topic, 0)
    by_time = {}
    for rel in (0, 500, 1500, 5000):
        r = c.offsets_for_times({tp: base + rel})[tp]
        by_time[str(rel)] = -1 if r is None else r.offset
    emit("offsets", earliest=c.beginning_offsets([tp])[tp], latest=c.end_offsets([tp])[tp], byTime=by_time)
    c.close()


class FetchErrors(logging.Handler):
    """Collects the fetcher's warnings: kafka-python 2.0.2 logs fetch errors it has no class for (such as
    UNSUPPORTED_COMPRESSION_TYPE, which Kafka answers to a Fetch below v10 for zstd data) instead of raising."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def scenario_compression(topic):
    errors = FetchErrors()
    logging.getLogger("kafka.consumer.fetcher").addHandler(errors)
    for codec in (None, "gzip", "snappy", "lz4", "zstd"):
        name = codec or "none"
        t = f"{topic}-{name}"
        create(t, 1)
        p = producer(compression_type=codec)
        values = [f"{name}-{i}-" + "x" * 200 for i in range(20)]
        for v in values:
            p.send(t, key=b"k", value=v.encode())
        p.flush(30)
        p.close()
        errors.messages.clear()
        try:
            got = [decode(r.value) for r in read_all(t, timeout=4)]
        except ReadTimeout as e:
            emit("codec", codec=name, produced=len(values), error=f"{e}; fetcher said: {sorted(set(errors.messages))}")
            continue
        emit("codec", codec=name, produced=len(values), consumed=len(got), match=got == values)


def scenario_large(topic):
    create(topic, 1)
    # The client's own request limit is raised so that the broker, not kafka-python, judges the oversized one.
    p = producer(max_request_size=3_000_000)
    big = os.urandom(900 * 1024)
    for payload in (big, os.urandom(1_200_000), b"after"):
        try:
            p.send(topic, key=b"k", value=payload).get(timeout=30)
            emit("delivery", size=len(payload), ok=True, error=None, code=None)
        except KafkaError as e:
            emit("delivery", size=len(payload), ok=False, error=type(e).__name__, code=getattr(e, "errno", None))
    p.close()
    msgs = read_all(topic, max_partition_fetch_bytes=2_000_000, fetch_max_bytes=3_000_000)
    emit("read", sizes=[len(r.value) for r in msgs],
         bigIntact=any(hashlib.sha256(r.value).digest() == hashlib.sha256(big).digest() for r in msgs))


def scenario_config(topic):
    create(topic, 3)
    admin = KafkaAdminClient(**BASE)

    def read():
        res = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic, {"retention.ms": None})])
        resource = res[0].resources[0]
        if resource[0] != 0:
            fail(f"describe_configs error {resource[0]}: {resource[1]}")
        entry = [e for e in resource[4] if e[0] == "retention.ms"][0]
        source = entry[3]  # config_source (v1+) or is_default (v0)
        return entry[1], ({True: "default", False: "set"}[source] if isinstance(source, bool) else source)

    before = read()
    resp = admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, {"retention.ms": "3600000"})])
    if resp.resources[0][0] != 0:
        fail(f"alter_configs error {resp.resources[0][0]}: {resp.resources[0][1]}")
    after = read()
    emit("config", before=before[0], beforeSource=before[1], after=after[0], afterSource=after[1])
    admin.delete_topics([topic], timeout_ms=10000)
    expired = deadline(10)
    while topic in admin.list_topics():
        if expired():
            fail("topic still listed after delete")
        time.sleep(0.2)
    admin.close()
    emit("deleted", topic=topic, listed=False)


SCENARIOS = {
    "metadata": scenario_metadata, "create": create, "produce": scenario_produce, "consume": scenario_consume,
    "group-split": scenario_group_split, "group-resume": scenario_group_resume, "offsets": scenario_offsets,
    "compression": scenario_compression, "large": scenario_large, "config": scenario_config,
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
