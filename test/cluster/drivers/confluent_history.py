#!/usr/bin/python3
"""python3-confluent-kafka (librdkafka) driver for the failover and history tests (test/cluster/).

Usage: confluent_history.py BOOTSTRAP MODE TOPIC [ARGS...] [key=value ...]
  create   TOPIC PARTITIONS RF [config=value ...]   create a topic through CreateTopics
  metadata TOPIC                                    leader/replicas/ISR of each partition (Metadata)
  produce  TOPIC PROCESS SECONDS RATE [librdkafka=value ...]
           sequence-numbered values "PROCESS:seq" at RATE/s with acks=all and idempotence (unless overridden)
  consume  TOPIC PROCESS GROUP SECONDS              group member: logs every record, commit and assignment
  read     TOPIC PROCESS [SECONDS]                  reads every partition from the start to its high watermark
  flood    TOPIC COUNT SIZE [librdkafka=value ...]   (benchmarks) COUNT records of SIZE bytes as fast as possible;
                                                    prints the seconds from first produce to last delivery
History lines ({"type": invoke|ok|fail|info, "f": ..., "process": ...}) go to stdout as they happen, so a
killed driver still leaves its history; other facts are {"event": ...} lines. Offsets are printed as strings.
SIGTERM ends produce/consume early and cleanly (flush, final commit).
"""
import json
import signal
import sys
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition, OFFSET_BEGINNING
from confluent_kafka.admin import AdminClient, NewTopic

BOOTSTRAP, MODE, TOPIC = sys.argv[1], sys.argv[2], sys.argv[3]
ARGS = [a for a in sys.argv[4:] if "=" not in a]
EXTRA = dict(a.split("=", 1) for a in sys.argv[4:] if "=" in a)
BASE = {"bootstrap.servers": BOOTSTRAP, "topic.metadata.refresh.interval.ms": 1000}
STOP = [False]
signal.signal(signal.SIGTERM, lambda *_: STOP.__setitem__(0, True))

# Errors that mean the broker refused the write; anything else (timeouts, transport, AFTER_APPEND) leaves the
# outcome unknown, which the checker must treat as "may or may not be in the log".
DEFINITE = {KafkaError.NOT_ENOUGH_REPLICAS, KafkaError.MSG_SIZE_TOO_LARGE, KafkaError.INVALID_REQUIRED_ACKS,
            KafkaError.TOPIC_AUTHORIZATION_FAILED, KafkaError.UNKNOWN_TOPIC_OR_PART}


def now():
    return int(time.time() * 1000)


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def op(type_, f, process, **fields):
    out(dict(type=type_, f=f, process=process, time=now(), **fields))


def event(name, **fields):
    out(dict(event=name, **fields))


def fail(message):
    event("error", message=message)
    sys.exit(1)


def create():
    partitions, rf = int(ARGS[0]), int(ARGS[1])
    admin = AdminClient(BASE)
    futures = admin.create_topics([NewTopic(TOPIC, partitions, rf, config=EXTRA)], operation_timeout=20, request_timeout=20)
    for _, f in futures.items():
        try:
            f.result()
        except Exception as e:  # noqa: BLE001 - report the client's own error text
            fail(f"create {TOPIC}: {e}")
    event("created", topic=TOPIC, partitions=partitions, replicationFactor=rf)


def metadata():
    md = Producer(BASE).list_topics(TOPIC, timeout=10)
    t = md.topics.get(TOPIC)
    if t is None or t.error is not None:
        fail(f"metadata for {TOPIC}: {t.error if t else 'missing'}")
    parts = [dict(partition=p.id, leader=p.leader, replicas=list(p.replicas), isr=list(p.isrs),
                  error=str(p.error) if p.error else None) for p in t.partitions.values()]
    event("metadata", controller=md.controller_id, brokers=sorted(md.brokers), partitions=sorted(parts, key=lambda p: p["partition"]))


def produce():
    process, seconds, rate = ARGS[0], float(ARGS[1]), float(ARGS[2])
    conf = dict(BASE, **{"acks": "all", "enable.idempotence": True, "linger.ms": 5, "message.timeout.ms": 30000,
                         "retry.backoff.ms": 100, "client.id": process})
    conf.update({k: (int(v) if v.isdigit() else v) for k, v in EXTRA.items()})
    p = Producer(conf)

    def report(err, msg):
        value = msg.value().decode()
        if err is None:
            op("ok", "send", process, value=value, topic=msg.topic(), partition=msg.partition(), offset=str(msg.offset()))
        else:
            op("fail" if err.code() in DEFINITE else "info", "send", process, value=value, error=err.name(), code=err.code())

    start, seq = time.time(), 0
    while not STOP[0] and time.time() - start < seconds:
        due = start + seq / rate
        if time.time() < due:
            p.poll(max(0.0, min(0.05, due - time.time())))
            continue
        value = f"{process}:{seq}"
        op("invoke", "send", process, value=value)
        while True:
            try:
                p.produce(TOPIC, value.encode(), on_delivery=report)
                break
            except BufferError:
                p.poll(0.1)
        seq += 1
        p.poll(0)
    left = p.flush(40)
    event("produced", process=process, sent=seq, undelivered=left)


def consume():
    process, group, seconds = ARGS[0], ARGS[1], float(ARGS[2])
    c = Consumer(dict(BASE, **{"group.id": group, "enable.auto.commit": False, "auto.offset.reset": "earliest",
                               "session.timeout.ms": 10000, "client.id": process}))

    def log_committed(parts):
        try:
            for tp in c.committed(parts, timeout=10):
                op("ok", "committed", process, group=group, topic=tp.topic, partition=tp.partition, offset=str(tp.offset))
        except Exception as e:  # noqa: BLE001 - an OffsetFetch failure is history, not a crash
            op("fail", "committed", process, group=group, error=str(e))

    def on_assign(consumer, parts):
        op("info", "assign", process, partitions=sorted(tp.partition for tp in parts))
        log_committed(parts)

    def on_revoke(consumer, parts):
        commit()
        op("info", "revoke", process, partitions=sorted(tp.partition for tp in parts))

    def commit():
        try:
            for tp in c.commit(asynchronous=False) or []:
                if tp.offset >= 0 and tp.error is None:
                    op("ok", "commit", process, group=group, topic=tp.topic, partition=tp.partition, offset=str(tp.offset))
        except Exception as e:  # noqa: BLE001
            if "NO_OFFSET" not in str(e):
                op("fail", "commit", process, group=group, error=str(e))

    c.subscribe([TOPIC], on_assign=on_assign, on_revoke=on_revoke)
    start, last_commit, seen = time.time(), time.time(), 0
    while not STOP[0] and time.time() - start < seconds:
        m = c.poll(0.2)
        if m is not None and not m.error():
            op("ok", "poll", process, topic=m.topic(), partition=m.partition(), offset=str(m.offset()), value=m.value().decode())
            seen += 1
        elif m is not None and m.error().code() != KafkaError._PARTITION_EOF:
            op("info", "poll", process, error=m.error().name())
        if time.time() - last_commit >= 1.0:
            commit()
            last_commit = time.time()
    commit()
    c.close()
    event("consumed", process=process, records=seen)


def read():
    process = ARGS[0]
    seconds = float(ARGS[1]) if len(ARGS) > 1 else 30.0
    c = Consumer(dict(BASE, **{"group.id": f"{process}-reader", "enable.auto.commit": False, "enable.partition.eof": True}))
    md = c.list_topics(TOPIC, timeout=10).topics[TOPIC]
    parts = sorted(md.partitions)
    high = {p: c.get_watermark_offsets(TopicPartition(TOPIC, p), timeout=10)[1] for p in parts}
    c.assign([TopicPartition(TOPIC, p, OFFSET_BEGINNING) for p in parts])
    pos, deadline, n = {p: 0 for p in parts}, time.time() + seconds, 0
    while any(pos[p] < high[p] for p in parts):
        if time.time() > deadline:
            fail(f"read timed out at {pos} of high watermarks {high}")
        m = c.poll(0.5)
        if m is None or (m.error() and m.error().code() == KafkaError._PARTITION_EOF):
            continue
        if m.error():
            op("info", "read", process, error=m.error().name())
            continue
        pos[m.partition()] = m.offset() + 1
        if m.offset() < high[m.partition()]:
            op("ok", "read", process, topic=m.topic(), partition=m.partition(), offset=str(m.offset()), value=m.value().decode())
            n += 1
    c.close()
    event("read", process=process, records=n, highWatermarks={str(p): high[p] for p in parts})


def flood():
    count, size = int(ARGS[0]), int(ARGS[1])
    conf = dict(BASE, **{"acks": "all", "linger.ms": 5, "batch.num.messages": 10000, "queue.buffering.max.messages": 1000000,
                         "queue.buffering.max.kbytes": 1048576, "message.timeout.ms": 60000})
    conf.update({k: (int(v) if v.isdigit() else v) for k, v in EXTRA.items()})
    p = Producer(conf)
    errors = [0]

    def report(err, msg):
        if err is not None:
            errors[0] += 1

    payload = b"r" * size
    p.list_topics(TOPIC, timeout=10)  # connect and learn the leader before the clock starts
    start = time.time()
    for _ in range(count):
        while True:
            try:
                p.produce(TOPIC, payload, partition=0, on_delivery=report)
                break
            except BufferError:
                p.poll(0.05)
        p.poll(0)
    left = p.flush(120)
    event("flood", count=count, size=size, seconds=time.time() - start, errors=errors[0], undelivered=left)


MODES = {"create": create, "flood": flood, "metadata": metadata, "produce": produce, "consume": consume, "read": read}
if MODE not in MODES:
    fail(f"unknown mode {MODE}; one of {', '.join(MODES)}")
MODES[MODE]()
event("done")
