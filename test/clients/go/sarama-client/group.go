// Consumer-group scenarios of the sarama client program (sarama refuses groups below V0_10_2_0), plus the
// optional debug logger.
package main

import (
	"context"
	"log"
	"os"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/Shopify/sarama"
)

func logger() *log.Logger { return log.New(os.Stderr, "[sarama] ", log.LstdFlags) }

// member is one consumer of the group with the partitions it currently claims.
type member struct {
	name   string
	group  sarama.ConsumerGroup
	cancel context.CancelFunc
	done   chan struct{}
	mu     *sync.Mutex
	claims []int32
	seen   map[[2]int64]bool
}

func (m *member) Setup(s sarama.ConsumerGroupSession) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.claims = append([]int32(nil), s.Claims()[firstTopic(s)]...)
	sort.Slice(m.claims, func(i, j int) bool { return m.claims[i] < m.claims[j] })
	emit("assigned", map[string]interface{}{"member": m.name, "partitions": m.claims})
	return nil
}

func firstTopic(s sarama.ConsumerGroupSession) string {
	for t := range s.Claims() {
		return t
	}
	return ""
}

func (m *member) Cleanup(sarama.ConsumerGroupSession) error {
	m.mu.Lock()
	m.claims = nil
	m.mu.Unlock()
	return nil
}

func (m *member) ConsumeClaim(s sarama.ConsumerGroupSession, c sarama.ConsumerGroupClaim) error {
	for msg := range c.Messages() {
		m.mu.Lock()
		m.seen[[2]int64{int64(msg.Partition), msg.Offset}] = true
		msgEvent(msg, m.name)
		m.mu.Unlock()
		s.MarkMessage(msg, "")
	}
	return nil
}

func (m *member) claimed() []int32 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]int32(nil), m.claims...)
}

func (m *member) close() {
	m.cancel()
	must(m.group.Close(), "close group member "+m.name)
	<-m.done
}

func startMember(name, topic, groupID string, mu *sync.Mutex, seen map[[2]int64]bool) *member {
	c := config()
	c.Consumer.Offsets.CommitInterval = 100 * time.Millisecond
	c.Consumer.Group.Session.Timeout = 10 * time.Second
	c.Consumer.Group.Heartbeat.Interval = 500 * time.Millisecond
	g, err := sarama.NewConsumerGroup(bootstrap, groupID, c)
	must(err, "consumer group")
	ctx, cancel := context.WithCancel(context.Background())
	m := &member{name: name, group: g, cancel: cancel, done: make(chan struct{}), mu: mu, seen: seen}
	go func() {
		for e := range g.Errors() {
			emit("warning", map[string]interface{}{"member": name, "message": e.Error()})
		}
	}()
	go func() {
		defer close(m.done)
		for ctx.Err() == nil {
			if err := g.Consume(ctx, []string{topic}, m); err != nil && ctx.Err() == nil {
				emit("warning", map[string]interface{}{"member": name, "message": err.Error()})
				time.Sleep(200 * time.Millisecond)
			}
		}
	}()
	return m
}

func waitFor(what string, seconds int, cond func() bool) {
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			fail("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// committed reads the group's committed offsets with OffsetFetch, as an admin tool would.
func committed(topic, groupID string, parts []int32) map[string]int64 {
	admin, err := sarama.NewClusterAdmin(bootstrap, config())
	must(err, "admin")
	defer admin.Close()
	resp, err := admin.ListConsumerGroupOffsets(groupID, map[string][]int32{topic: parts})
	must(err, "offset fetch")
	out := map[string]int64{}
	for _, p := range parts {
		b := resp.GetBlock(topic, p)
		if b == nil {
			fail("offset fetch: no block for partition %d", p)
		}
		out[itoa(p)] = b.Offset
	}
	return out
}

func itoa(p int32) string { return strconv.Itoa(int(p)) }

func highWatermarks(topic string, parts []int32) map[string]int64 {
	cl := newClient(config())
	defer cl.Close()
	out := map[string]int64{}
	for _, p := range parts {
		o, err := cl.GetOffset(topic, p, sarama.OffsetNewest)
		must(err, "newest offset")
		out[itoa(p)] = o
	}
	return out
}

func equalOffsets(a, b map[string]int64) bool {
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

func groupSplit(topic, groupID string, expected int) {
	parts := partitionsOf(topic)
	var mu sync.Mutex
	seen := map[[2]int64]bool{}
	c1 := startMember("c1", topic, groupID, &mu, seen)
	c2 := startMember("c2", topic, groupID, &mu, seen)
	waitFor("both members assigned and all messages consumed", 40, func() bool {
		mu.Lock()
		n := len(seen)
		mu.Unlock()
		return len(c1.claimed()) > 0 && len(c2.claimed()) > 0 && n >= expected
	})
	emit("split", map[string]interface{}{"assignments": map[string][]int32{"c1": c1.claimed(), "c2": c2.claimed()}})
	// Marked offsets are committed every CommitInterval; wait until the broker has all of them.
	high := highWatermarks(topic, parts)
	waitFor("offsets committed", 20, func() bool { return equalOffsets(committed(topic, groupID, parts), high) })
	emit("committed", map[string]interface{}{"offsets": committed(topic, groupID, parts)})
	c2.close() // leaves the group: c1 must be given every partition
	waitFor("rebalance after c2 left", 30, func() bool { return len(c1.claimed()) == len(parts) })
	emit("rebalanced", map[string]interface{}{"member": "c1", "partitions": c1.claimed()})
	c1.close()
}

func groupResume(topic, groupID string) {
	parts := partitionsOf(topic)
	start := committed(topic, groupID, parts)
	emit("committed", map[string]interface{}{"offsets": start})
	high := highWatermarks(topic, parts)
	var mu sync.Mutex
	seen := map[[2]int64]bool{}
	c1 := startMember("c1", topic, groupID, &mu, seen)
	want := 0
	for k, h := range high {
		if start[k] >= 0 {
			want += int(h - start[k])
		} else {
			want += int(h)
		}
	}
	waitFor("resumed consumption", 30, func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) >= want
	})
	waitFor("offsets committed", 20, func() bool { return equalOffsets(committed(topic, groupID, parts), high) })
	c1.close()
	emit("resumed", map[string]interface{}{"positions": high})
}
