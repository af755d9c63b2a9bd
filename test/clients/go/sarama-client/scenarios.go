// Scenarios of the sarama client program that need more than one request type: compression per codec,
// the 900 KB / 1.2 MB messages, topic configs and the idempotent producer.
package main

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/Shopify/sarama"
)

func scenarioCompression(topic string) {
	codecs := []struct {
		name  string
		codec sarama.CompressionCodec
	}{{"none", sarama.CompressionNone}, {"gzip", sarama.CompressionGZIP}, {"snappy", sarama.CompressionSnappy},
		{"lz4", sarama.CompressionLZ4}, {"zstd", sarama.CompressionZSTD}}
	for _, cc := range codecs {
		c := config()
		c.Producer.Compression = cc.codec
		if err := c.Validate(); err != nil {
			emit("codec-unsupported", map[string]interface{}{"codec": cc.name, "reason": err.Error()})
			continue
		}
		t := topic + "-" + cc.name
		var msgs []*sarama.ProducerMessage
		var values []string
		for i := 0; i < 20; i++ {
			v := fmt.Sprintf("%s-%d-%s", cc.name, i, bytes.Repeat([]byte("x"), 200))
			values = append(values, v)
			msgs = append(msgs, &sarama.ProducerMessage{Topic: t, Key: sarama.StringEncoder("k"), Value: sarama.StringEncoder(v)})
		}
		if _, errs := produce(c, msgs); len(errs) > 0 {
			emit("codec", map[string]interface{}{"codec": cc.name, "produced": 0, "error": errStrings(errs)})
			continue
		}
		got := readAll(t, config())
		match := len(got) == len(values)
		for i := 0; match && i < len(got); i++ {
			match = string(got[i].Value) == values[i]
		}
		emit("codec", map[string]interface{}{"codec": cc.name, "produced": len(values), "consumed": len(got), "match": match})
	}
}

func scenarioLarge(topic string) {
	c := config()
	// The client's own limit is raised so that the broker, not sarama, judges the oversized message.
	c.Producer.MaxMessageBytes = 3000000
	big := make([]byte, 900*1024)
	tooBig := make([]byte, 1200000)
	rand.Read(big)
	rand.Read(tooBig)
	p, err := sarama.NewSyncProducer(bootstrap, c)
	must(err, "producer")
	for _, payload := range [][]byte{big, tooBig, []byte("after")} {
		_, _, err := p.SendMessage(&sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder("k"), Value: sarama.ByteEncoder(payload)})
		f := map[string]interface{}{"size": len(payload), "ok": err == nil}
		if err != nil {
			f["error"] = err.Error()
			if pe, ok := err.(*sarama.ProducerError); ok {
				if ke, ok := pe.Err.(sarama.KError); ok {
					f["code"] = int(ke)
				}
			}
			if ke, ok := err.(sarama.KError); ok {
				f["code"] = int(ke)
			}
		}
		emit("delivery", f)
	}
	p.Close()
	rc := config()
	rc.Consumer.Fetch.Default = 2 * 1024 * 1024
	msgs := readAll(topic, rc)
	sizes, intact := []int{}, false
	for _, m := range msgs {
		sizes = append(sizes, len(m.Value))
		intact = intact || bytes.Equal(m.Value, big)
	}
	emit("read", map[string]interface{}{"sizes": sizes, "bigIntact": intact})
}

func scenarioConfig(topic string) {
	create(topic, 3)
	admin, err := sarama.NewClusterAdmin(bootstrap, config())
	must(err, "admin")
	defer admin.Close()
	read := func() (string, string) {
		entries, err := admin.DescribeConfig(sarama.ConfigResource{Type: sarama.TopicResource, Name: topic, ConfigNames: []string{"retention.ms"}})
		must(err, "describe config")
		for _, e := range entries {
			if e.Name == "retention.ms" && e.Source == sarama.SourceUnknown {
				// DescribeConfigs v0 (what sarama 1.22 sends) has only is_default, no source.
				return e.Value, map[bool]string{true: "default", false: "set"}[e.Default]
			} else if e.Name == "retention.ms" {
				return e.Value, e.Source.String()
			}
		}
		fail("retention.ms missing from DescribeConfigs")
		return "", ""
	}
	bv, bs := read()
	v := "3600000"
	must(admin.AlterConfig(sarama.TopicResource, topic, map[string]*string{"retention.ms": &v}, false), "alter config")
	av, as := read()
	emit("config", map[string]interface{}{"before": bv, "beforeSource": bs, "after": av, "afterSource": as})
	must(admin.DeleteTopic(topic), "delete topic")
	deadline := time.Now().Add(10 * time.Second)
	for {
		topics, err := admin.ListTopics()
		must(err, "list topics")
		if _, ok := topics[topic]; !ok {
			break
		}
		if time.Now().After(deadline) {
			fail("topic still listed after delete")
		}
		time.Sleep(200 * time.Millisecond)
	}
	emit("deleted", map[string]interface{}{"topic": topic, "listed": false})
}

// scenarioIdempotent with mode "off" is the same producer without idempotence (the control of the
// lost-acknowledgement test).
func scenarioIdempotent(topic, mode string) {
	create(topic, 3)
	c := config()
	c.Producer.Idempotent = mode != "off"
	c.Net.MaxOpenRequests = 1
	var msgs []*sarama.ProducerMessage
	for i := 0; i < 200; i++ {
		msgs = append(msgs, &sarama.ProducerMessage{Topic: topic, Key: sarama.StringEncoder(fmt.Sprintf("key-%d", i%10)),
			Value: sarama.StringEncoder(fmt.Sprintf("v-%d", i))})
	}
	_, errs := produce(c, msgs)
	got := readAll(topic, config())
	unique := map[string]bool{}
	for _, m := range got {
		unique[string(m.Value)] = true
	}
	emit("idempotent", map[string]interface{}{"produced": 200, "errors": errStrings(errs), "consumed": len(got), "unique": len(unique)})
}
