"""End-to-end latency with librdkafka (python3-confluent-kafka) as both producer and consumer, for
bench/broker-librdkafka-latency.bench.ts. Usage: librdkafka-latency.py BOOTSTRAP TOPIC RATE SECONDS.
A consumer process is assigned partition 0 at its end; the producer then sends RATE records/s (acks=1,
linger.ms=0 so librdkafka sends each record at once), each value carrying time.time_ns() at produce(). The
consumer takes time.time_ns() when poll() hands it the record. Both clocks are the same machine's. Prints one
JSON line: {"samples": n, "latencies_us": [...]}.
"""
import json
import sys
import time
from multiprocessing import Process, Queue

from confluent_kafka import Consumer, Producer, TopicPartition, OFFSET_END


def consume(bootstrap, topic, expected, out, ready):
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'latency-bench', 'enable.auto.commit': False,
                  'fetch.wait.max.ms': 100, 'fetch.min.bytes': 1})
    c.assign([TopicPartition(topic, 0, OFFSET_END)])
    # The assignment is live once the first (empty) poll has fetched the end offset.
    for _ in range(20):
        c.poll(0.05)
    ready.put(True)
    lat = []
    deadline = time.time() + 60
    while len(lat) < expected and time.time() < deadline:
        m = c.poll(0.5)
        if m is None or m.error():
            continue
        now = time.time_ns()
        if not m.value().isdigit():
            continue  # the producer's warm-up record
        lat.append((now - int(m.value())) / 1000)
    c.close()
    out.put(lat)


def main():
    bootstrap, topic, rate, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    n = rate * seconds
    out, ready = Queue(), Queue()
    proc = Process(target=consume, args=(bootstrap, topic, n, out, ready))
    proc.start()
    ready.get(timeout=30)
    p = Producer({'bootstrap.servers': bootstrap, 'acks': 1, 'linger.ms': 0, 'enable.idempotence': False})
    p.produce(topic, b'warm-up-is-not-a-number', partition=0)  # opens the connection before timing starts
    p.flush(10)
    start = time.perf_counter()
    for i in range(n):
        due = start + i / rate
        while time.perf_counter() < due:
            time.sleep(max(0.0, due - time.perf_counter() - 0.0002))
        p.produce(topic, str(time.time_ns()).encode(), partition=0)
        p.poll(0)
    p.flush(10)
    lat = out.get(timeout=90)
    proc.join(10)
    print(json.dumps({'samples': len(lat), 'latencies_us': lat}))


if __name__ == '__main__':
    main()
