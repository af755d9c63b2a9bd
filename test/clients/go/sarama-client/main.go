// sarama (Debian's golang-github-shopify-sarama-dev, 1.22.x) client program for the Tidepool integration suite.
//
// Usage: sarama-client [-version X.Y.Z.W] BOOTSTRAP SCENARIO [TOPIC] [ARGS...]; prints JSON lines.
// Without -version, Config.Version stays at sarama's default (V0_8_2_0 in 1.22: Produce v0 / Fetch v0 with
// MessageSet magic 0, Metadata v0, ListOffsets v0). Scenarios: metadata, create, produce, consume, group-split,
// group-resume, offsets, compression, large, config, idempotent. What a version cannot do is reported as an
// error by sarama's own config validation, never skipped silently.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/Shopify/sarama"
)

const count = 1000

var (
	bootstrap []string
	version   string
)

func emit(event string, fields map[string]interface{}) {
	if fields == nil {
		fields = map[string]interface{}{}
	}
	fields["event"] = event
	b, _ := json.Marshal(fields)
	os.Stdout.Write(append(b, '\n'))
}

func fail(format string, args ...interface{}) {
	emit("error", map[string]interface{}{"message": fmt.Sprintf(format, args...)})
	os.Exit(1)
}

func must(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

func config() *sarama.Config {
	c := sarama.NewConfig()
	c.ClientID = "tidepool-sarama"
	if version != "" {
		v, err := sarama.ParseKafkaVersion(version)
		must(err, "version")
		c.Version = v
	}
	c.Producer.RequiredAcks = sarama.WaitForAll
	c.Producer.Return.Successes = true
	c.Producer.Return.Errors = true
	c.Consumer.Return.Errors = true
	c.Consumer.Offsets.Initial = sarama.OffsetOldest
	c.Metadata.Retry.Backoff = 100 * time.Millisecond
	return c
}

func newClient(c *sarama.Config) sarama.Client {
	cl, err := sarama.NewClient(bootstrap, c)
	must(err, "client")
	return cl
}

func partitionsOf(topic string) []int32 {
	cl := newClient(config())
	defer cl.Close()
	parts, err := cl.Partitions(topic)
	must(err, "partitions of "+topic)
	sort.Slice(parts, func(i, j int) bool { return parts[i] < parts[j] })
	return parts
}

func headersOf(m *sarama.ConsumerMessage) map[string]string {
	h := map[string]string{}
	for _, r := range m.Headers {
		h[string(r.Key)] = string(r.Value)
	}
	return h
}

func msgEvent(m *sarama.ConsumerMessage, member string) {
	f := map[string]interface{}{"partition": m.Partition, "offset": m.Offset, "key": string(m.Key),
		"value": string(m.Value), "headers": headersOf(m)}
	if member != "" {
		f["member"] = member
	}
	emit("message", f)
}

// readAll reads every partition of topic from the oldest offset up to its newest, without a group.
func readAll(topic string, c *sarama.Config) []*sarama.ConsumerMessage {
	cl := newClient(c)
	defer cl.Close()
	consumer, err := sarama.NewConsumerFromClient(cl)
	must(err, "consumer")
	defer consumer.Close()
	var out []*sarama.ConsumerMessage
	parts, err := cl.Partitions(topic)
	must(err, "partitions")
	sort.Slice(parts, func(i, j int) bool { return parts[i] < parts[j] })
	for _, p := range parts {
		high, err := cl.GetOffset(topic, p, sarama.OffsetNewest)
		must(err, "newest offset")
		if high == 0 {
			continue
		}
		pc, err := consumer.ConsumePartition(topic, p, sarama.OffsetOldest)
		must(err, "consume partition")
		timeout := time.After(30 * time.Second)
		for done := false; !done; {
			select {
			case m := <-pc.Messages():
				out = append(out, m)
				done = m.Offset+1 >= high
			case e := <-pc.Errors():
				fail("consume: %v", e)
			case <-timeout:
				fail("read %s/%d timed out below offset %d", topic, p, high)
			}
		}
		pc.Close()
	}
	return out
}

func produce(c *sarama.Config, msgs []*sarama.ProducerMessage) ([]*sarama.ProducerMessage, []error) {
	p, err := sarama.NewSyncProducer(bootstrap, c)
	must(err, "producer")
	defer p.Close()
	var errs []error
	if err := p.SendMessages(msgs); err != nil {
		if pes, ok := err.(sarama.ProducerErrors); ok {
			for _, pe := range pes {
				errs = append(errs, pe.Err)
			}
		} else {
			errs = append(errs, err)
		}
	}
	return msgs, errs
}

func create(topic string, partitions int32) {
	admin, err := sarama.NewClusterAdmin(bootstrap, config())
	must(err, "admin")
	defer admin.Close()
	must(admin.CreateTopic(topic, &sarama.TopicDetail{NumPartitions: partitions, ReplicationFactor: 1}, false), "create topic")
	emit("created", map[string]interface{}{"topic": topic, "partitions": len(partitionsOf(topic))})
}

func scenarioMetadata() {
	cl := newClient(config())
	defer cl.Close()
	var brokers []map[string]interface{}
	for _, b := range cl.Brokers() {
		brokers = append(brokers, map[string]interface{}{"id": b.ID(), "addr": b.Addr()})
	}
	topics, err := cl.Topics()
	must(err, "topics")
	counts := map[string]int{}
	for _, t := range topics {
		ps, err := cl.Partitions(t)
		must(err, "partitions")
		counts[t] = len(ps)
	}
	emit("metadata", map[string]interface{}{"brokers": brokers, "topics": counts})
}

func scenarioProduce(topic string) {
	c := config()
	msgs := make([]*sarama.ProducerMessage, 0, count)
	for i := 0; i < count; i++ {
		m := &sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder(fmt.Sprintf("key-%d", i%10)),
			Value: sarama.StringEncoder(fmt.Sprintf("v-%d", i))}
		// Headers exist from Kafka 0.11 (magic 2); sarama drops them silently below that, so only send them there.
		if c.Version.IsAtLeast(sarama.V0_11_0_0) {
			m.Headers = []sarama.RecordHeader{{Key: []byte("h-index"), Value: []byte(strconv.Itoa(i))},
				{Key: []byte("h-client"), Value: []byte("sarama")}}
		}
		msgs = append(msgs, m)
	}
	sent, errs := produce(c, msgs)
	parts := map[string]map[int32]bool{}
	for _, m := range sent {
		k := fmt.Sprint(m.Key)
		if parts[k] == nil {
			parts[k] = map[int32]bool{}
		}
		parts[k][m.Partition] = true
	}
	keyParts := map[string][]int32{}
	for k, set := range parts {
		for p := range set {
			keyParts[k] = append(keyParts[k], p)
		}
	}
	emit("produced", map[string]interface{}{"count": count, "errors": errStrings(errs), "keyPartitions": keyParts})
}

func errStrings(errs []error) []string {
	out := []string{}
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

func scenarioConsume(topic string) {
	msgs := readAll(topic, config())
	for _, m := range msgs {
		msgEvent(m, "")
	}
	emit("consumed", map[string]interface{}{"count": len(msgs)})
}

func scenarioOffsets(topic string) {
	c := config()
	timed := c.Version.IsAtLeast(sarama.V0_10_1_0) // ListOffsets v1 (exact by-timestamp lookup) and message timestamps
	if timed {
		create(topic, 1)
	}
	base := time.Now().Add(-time.Hour).Truncate(time.Second)
	var msgs []*sarama.ProducerMessage
	for i := 0; i < 3; i++ {
		msgs = append(msgs, &sarama.ProducerMessage{Topic: topic, Partition: 0, Key: sarama.StringEncoder(fmt.Sprint("k", i)),
			Value: sarama.StringEncoder(fmt.Sprint("t", i)), Timestamp: base.Add(time.Duration(i) * time.Second)})
	}
	c.Producer.Partitioner = sarama.NewManualPartitioner
	if _, errs := produce(c, msgs); len(errs) > 0 {
		fail("produce: %v", errs)
	}
	cl := newClient(config())
	defer cl.Close()
	earliest, err := cl.GetOffset(topic, 0, sarama.OffsetOldest)
	must(err, "earliest")
	latest, err := cl.GetOffset(topic, 0, sarama.OffsetNewest)
	must(err, "latest")
	f := map[string]interface{}{"earliest": earliest, "latest": latest}
	if timed {
		byTime := map[string]int64{}
		for _, rel := range []int64{0, 500, 1500, 5000} {
			o, err := cl.GetOffset(topic, 0, base.UnixNano()/1e6+rel)
			must(err, "offset by time")
			byTime[strconv.FormatInt(rel, 10)] = o
		}
		f["byTime"] = byTime
	}
	emit("offsets", f)
}

func main() {
	// A panic inside sarama (e.g. a nil response it did not expect) still ends with one error line.
	defer func() {
		if r := recover(); r != nil {
			fail("panic: %v", r)
		}
	}()
	flag.StringVar(&version, "version", "", "sarama Config.Version (default: sarama's own default)")
	flag.Parse()
	args := flag.Args()
	if len(args) < 2 {
		fail("usage: sarama-client [-version V] BOOTSTRAP SCENARIO [TOPIC] [ARGS...]")
	}
	bootstrap = []string{args[0]}
	if os.Getenv("SARAMA_DEBUG") != "" {
		sarama.Logger = logger()
	}
	arg := func(i int) string {
		if len(args) <= i {
			fail("scenario %s needs %d arguments", args[1], i-1)
		}
		return args[i]
	}
	switch args[1] {
	case "version":
		emit("version", map[string]interface{}{"default": sarama.NewConfig().Version.String(), "using": config().Version.String()})
	case "metadata":
		scenarioMetadata()
	case "create":
		create(arg(2), 3)
	case "produce":
		scenarioProduce(arg(2))
	case "consume":
		scenarioConsume(arg(2))
	case "group-split":
		n, err := strconv.Atoi(arg(4))
		must(err, "expected count")
		groupSplit(arg(2), arg(3), n)
	case "group-resume":
		groupResume(arg(2), arg(3))
	case "offsets":
		scenarioOffsets(arg(2))
	case "compression":
		scenarioCompression(arg(2))
	case "large":
		scenarioLarge(arg(2))
	case "config":
		scenarioConfig(arg(2))
	case "idempotent":
		mode := "on"
		if len(args) > 3 {
			mode = args[3]
		}
		scenarioIdempotent(arg(2), mode)
	default:
		fail("unknown scenario %q", args[1])
	}
	emit("done", nil)
}
