package sentiment

import (
	"testing"

	"github.com/convqa/convqa/internal/transcript"
)

func utts(lines ...string) []transcript.Utterance {
	var out []transcript.Utterance
	for i, l := range lines {
		sp := transcript.SpeakerCustomer
		if l[0] == 'A' {
			sp = transcript.SpeakerAgent
		}
		out = append(out, transcript.Utterance{Seq: i + 1, Speaker: sp, Text: l[2:]})
	}
	return out
}

func TestConversationRepeatsAndTrajectory(t *testing.T) {
	s := rulesScorer(t)
	c := s.AnalyzeConversation(utts(
		"C 你好，我的快递三天了还没到，很着急",
		"A 您好，请提供一下订单号",
		"C 12345",
		"A 麻烦再提供一下订单号",
		"C 我刚才不是发过了吗？12345",
		"A 请问您的订单号是多少？",
		"C 说了好几遍了！！12345",
		"A 已经为您催促，明天送达",
		"C 好的，谢谢你，辛苦了",
	), DefaultConversationOptions())
	if len(c.Repeats) != 1 || c.Repeats[0].Item != "order_number" || len(c.Repeats[0].Seqs) != 3 {
		t.Errorf("repeats %+v, want order_number asked at 2, 4, 6", c.Repeats)
	}
	if c.Emotions.Frustration.Value < 0.8 || c.Emotions.Frustration.Seq != 7 {
		t.Errorf("frustration peak %+v, want ≥ 0.8 at 7", c.Emotions.Frustration)
	}
	var cue bool
	for _, u := range c.Utterances {
		for _, q := range u.Cues {
			cue = cue || q.Rule == "repeated_request"
		}
	}
	if !cue {
		t.Error("no repeated_request cue on the customer's turns")
	}
	if c.Trajectory == nil || c.Trajectory.Direction != "improved" {
		t.Errorf("trajectory %+v, want improved", c.Trajectory)
	}
	if c.Lowest == nil || c.Lowest.Seq == 9 {
		t.Errorf("lowest %+v", c.Lowest)
	}
	if st := c.Speakers[transcript.SpeakerAgent]; st.Utterances != 4 {
		t.Errorf("agent stats %+v", st)
	}
	if c.Emotions.Satisfaction.Seq != 9 {
		t.Errorf("satisfaction peaks at %d, want 9", c.Emotions.Satisfaction.Seq)
	}
}

func TestEscalation(t *testing.T) {
	s := rulesScorer(t)
	for _, tt := range []struct {
		name   string
		lines  []string
		opts   ConversationOptions
		flag   bool
		reason string
		seq    int
	}{
		{"anger", []string{"C 在吗", "A 您好", "C 你们这是什么服务！！！我要投诉"}, DefaultConversationOptions(), true, "anger", 3},
		{"anxiety", []string{"C 急死了，今天必须到，十万火急"}, DefaultConversationOptions(), true, "anxiety", 1},
		{"human", []string{"C 转人工", "A 请问有什么可以帮您", "C 人工客服"}, DefaultConversationOptions(), true, "human_requested", 3},
		{"calm", []string{"C 请问什么时候发货", "A 明天", "C 好的谢谢"}, DefaultConversationOptions(), false, "", 0},
		{"high threshold", []string{"C 有点着急"}, ConversationOptions{AngerThreshold: 1, AnxietyThreshold: 1, HumanRequests: -1}, false, "", 0},
	} {
		c := s.AnalyzeConversation(utts(tt.lines...), tt.opts)
		e := c.Escalation
		if e.Flag != tt.flag || e.Reason != tt.reason || e.Seq != tt.seq {
			t.Errorf("%s: escalation %+v, want flag %v reason %q at %d", tt.name, e, tt.flag, tt.reason, tt.seq)
		}
	}
}

func TestConversationOptionsValidate(t *testing.T) {
	if err := (ConversationOptions{AngerThreshold: 0, AnxietyThreshold: 0.5}).Validate(); err == nil {
		t.Error("zero anger threshold accepted")
	}
	if err := DefaultConversationOptions().Validate(); err != nil {
		t.Error(err)
	}
}
