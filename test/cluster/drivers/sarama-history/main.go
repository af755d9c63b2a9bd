// sarama (Debian's golang-github-shopify-sarama-dev, 1.22.x) driver for the failover and history tests.
//
// Usage: sarama-history [-retries N] [-idempotent=false] BOOTSTRAP MODE TOPIC [ARGS...]
//
//	produce TOPIC PROCESS SECONDS RATE   values "PROCESS:seq" at RATE/s, acks=all, idempotent (V0_11_0_0,
//	                                     one request in flight, as sarama 1.22 requires for idempotence)
//	consume TOPIC PROCESS GROUP SECONDS  group member (V0_11_0_0): logs every record and assignment; sarama 1.22
//	                                     commits marked offsets itself every second without reporting them, so
//	                                     the driver reads the group's committed offsets back (OffsetFetch v1)
//	                                     each second and logs those as "committed" observations
//
// History lines go to stdout as they happen (see test/cluster/history/history.ts); SIGTERM ends early.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/Shopify/sarama"
)

var (
	outMu     sync.Mutex
	bootstrap []string
	retries   = flag.Int("retries", 30, "producer retries (0: errors come back at once)")
	idem      = flag.Bool("idempotent", true, "idempotent producer")
)

func out(fields map[string]interface{}) {
	b, _ := json.Marshal(fields)
	outMu.Lock()
	os.Stdout.Write(append(b, '\n'))
	outMu.Unlock()
}

func op(typ, f, process string, fields map[string]interface{}) {
	if fields == nil {
		fields = map[string]interface{}{}
	}
	fields["type"], fields["f"], fields["process"] = typ, f, process
	fields["time"] = time.Now().UnixNano() / int64(time.Millisecond)
	out(fields)
}

func event(name string, fields map[string]interface{}) {
	if fields == nil {
		fields = map[string]interface{}{}
	}
	fields["event"] = name
	out(fields)
}

func fail(format string, args ...interface{}) {
	event("error", map[string]interface{}{"message": fmt.Sprintf(format, args...)})
	os.Exit(1)
}

func config(process string) *sarama.Config {
	c := sarama.NewConfig()
	c.ClientID = process
	c.Version = sarama.V0_11_0_0
	c.Metadata.Retry.Max = 20
	c.Metadata.Retry.Backoff = 250 * time.Millisecond
	c.Metadata.RefreshFrequency = 2 * time.Second
	c.Net.DialTimeout = 3 * time.Second
	c.Net.ReadTimeout = 15 * time.Second
	c.Net.WriteTimeout = 5 * time.Second
	return c
}

func stopSignal() <-chan os.Signal {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT)
	return ch
}

// errorText formats an error sarama reported; sarama 1.22 can send a ConsumerError without a cause, whose
// Error() would dereference nil.
func errorText(e error) string {
	if e == nil {
		return "nil error"
	}
	if ce, ok := e.(*sarama.ConsumerError); ok && ce.Err == nil {
		return fmt.Sprintf("consumer error on %s/%d without a cause", ce.Topic, ce.Partition)
	}
	return e.Error()
}

// definite reports whether the broker refused the write (nothing appended); anything else is an unknown outcome.
func definite(err error) bool {
	return err == sarama.ErrNotEnoughReplicas || err == sarama.ErrMessageSizeTooLarge || err == sarama.ErrInvalidMessage
}

func produce(topic, process string, seconds, rate float64) {
	c := config(process)
	c.Producer.RequiredAcks = sarama.WaitForAll
	c.Producer.Return.Successes = true
	c.Producer.Return.Errors = true
	c.Producer.Retry.Max = *retries
	c.Producer.Retry.Backoff = 250 * time.Millisecond
	c.Producer.Timeout = 10 * time.Second
	c.Producer.Flush.Frequency = 5 * time.Millisecond
	c.Producer.Partitioner = sarama.NewRandomPartitioner
	if *idem {
		c.Producer.Idempotent = true
		c.Net.MaxOpenRequests = 1
		if c.Producer.Retry.Max < 1 {
			c.Producer.Retry.Max = 1
		}
	}
	p, err := sarama.NewAsyncProducer(bootstrap, c)
	if err != nil {
		fail("producer: %v", err)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for m := range p.Successes() {
			op("ok", "send", process, map[string]interface{}{"value": m.Metadata, "topic": m.Topic, "partition": m.Partition, "offset": strconv.FormatInt(m.Offset, 10)})
		}
	}()
	go func() {
		defer wg.Done()
		for e := range p.Errors() {
			typ := "info"
			if definite(e.Err) {
				typ = "fail"
			}
			op(typ, "send", process, map[string]interface{}{"value": e.Msg.Metadata, "error": errorText(e.Err)})
		}
	}()
	stop := stopSignal()
	start := time.Now()
	seq := 0
loop:
	for time.Since(start).Seconds() < seconds {
		due := start.Add(time.Duration(float64(seq) / rate * float64(time.Second)))
		select {
		case <-stop:
			break loop
		case <-time.After(time.Until(due)):
		}
		value := fmt.Sprintf("%s:%d", process, seq)
		op("invoke", "send", process, map[string]interface{}{"value": value})
		p.Input() <- &sarama.ProducerMessage{Topic: topic, Value: sarama.StringEncoder(value), Metadata: value}
		seq++
	}
	p.AsyncClose() // drains what is in flight (bounded by retries), then closes both channels
	wg.Wait()
	event("produced", map[string]interface{}{"process": process, "sent": seq})
}

type member struct {
	process, group string
}

func (m *member) Setup(s sarama.ConsumerGroupSession) error {
	parts := []int32{}
	for _, ps := range s.Claims() {
		parts = append(parts, ps...)
	}
	op("info", "assign", m.process, map[string]interface{}{"partitions": parts, "generation": s.GenerationID()})
	return nil
}

func (m *member) Cleanup(s sarama.ConsumerGroupSession) error {
	op("info", "revoke", m.process, map[string]interface{}{"generation": s.GenerationID()})
	return nil
}

func (m *member) ConsumeClaim(s sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		op("ok", "poll", m.process, map[string]interface{}{"topic": msg.Topic, "partition": msg.Partition, "offset": strconv.FormatInt(msg.Offset, 10), "value": string(msg.Value)})
		s.MarkMessage(msg, "")
	}
	return nil
}

// watchCommitted reads the group's committed offsets from its coordinator every second (OffsetFetch v1).
func watchCommitted(ctx context.Context, client sarama.Client, topic, process, group string) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
		parts, err := client.Partitions(topic)
		if err != nil {
			continue
		}
		coord, err := client.Coordinator(group)
		if err != nil {
			op("fail", "committed", process, map[string]interface{}{"group": group, "error": err.Error()})
			_ = client.RefreshCoordinator(group)
			continue
		}
		req := &sarama.OffsetFetchRequest{Version: 1, ConsumerGroup: group}
		for _, p := range parts {
			req.AddPartition(topic, p)
		}
		resp, err := coord.FetchOffset(req)
		if err != nil {
			op("fail", "committed", process, map[string]interface{}{"group": group, "error": err.Error()})
			_ = client.RefreshCoordinator(group)
			continue
		}
		for _, p := range parts {
			b := resp.GetBlock(topic, p)
			if b == nil {
				continue
			}
			if b.Err != sarama.ErrNoError {
				op("fail", "committed", process, map[string]interface{}{"group": group, "partition": p, "error": b.Err.Error()})
				_ = client.RefreshCoordinator(group)
				continue
			}
			op("ok", "committed", process, map[string]interface{}{"group": group, "topic": topic, "partition": p, "offset": strconv.FormatInt(b.Offset, 10)})
		}
	}
}

func consume(topic, process, group string, seconds float64) {
	c := config(process)
	c.Consumer.Return.Errors = true
	c.Consumer.Offsets.Initial = sarama.OffsetOldest
	c.Consumer.Offsets.CommitInterval = time.Second
	c.Consumer.Group.Session.Timeout = 10 * time.Second
	c.Consumer.Group.Heartbeat.Interval = time.Second
	client, err := sarama.NewClient(bootstrap, c)
	if err != nil {
		fail("client: %v", err)
	}
	g, err := sarama.NewConsumerGroupFromClient(group, client)
	if err != nil {
		fail("consumer group: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds*float64(time.Second)))
	defer cancel()
	go func() {
		select {
		case <-stopSignal():
			cancel()
		case <-ctx.Done():
		}
	}()
	go func() {
		for e := range g.Errors() {
			op("info", "poll", process, map[string]interface{}{"error": errorText(e)})
		}
	}()
	watcher, stopWatch := context.WithCancel(context.Background())
	go watchCommitted(watcher, client, topic, process, group)
	m := &member{process: process, group: group}
	for ctx.Err() == nil {
		if err := g.Consume(ctx, []string{topic}, m); err != nil && ctx.Err() == nil {
			op("info", "poll", process, map[string]interface{}{"error": err.Error()})
			time.Sleep(500 * time.Millisecond)
		}
	}
	stopWatch()
	_ = g.Close() // commits what was marked
	_ = client.Close()
	event("consumed", map[string]interface{}{"process": process})
}

func main() {
	flag.Parse()
	args := flag.Args()
	if len(args) < 3 {
		fail("usage: sarama-history [flags] BOOTSTRAP MODE TOPIC [ARGS...]")
	}
	bootstrap = strings.Split(args[0], ",")
	num := func(i int) float64 {
		if len(args) <= i {
			fail("missing argument %d", i)
		}
		v, err := strconv.ParseFloat(args[i], 64)
		if err != nil {
			fail("argument %d: %v", i, err)
		}
		return v
	}
	switch args[1] {
	case "produce":
		produce(args[2], args[3], num(4), num(5))
	case "consume":
		consume(args[2], args[3], args[4], num(5))
	default:
		fail("unknown mode %s (produce, consume)", args[1])
	}
	event("done", nil)
}
