package rules

import (
	"reflect"
	"testing"

	"github.com/convqa/convqa/internal/transcript"
)

// residentID completes a 17-digit mainland ID number with its GB 11643
// check digit.
func residentID(first17 string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

func TestPIIDetectors(t *testing.T) {
	id := residentID("11010519491231002")
	m := chat(
		"a: 跟您核对一下，您的卡号是4111 1111 1111 1111，对吗？",
		"a: 卡号4111 1111 1111 1112", // fails Luhn
		"a: 身份证号是"+id+"，已登记",
		"a: 手机号是13812345678",
		"a: 邮箱是 zhang.san@example.com",
		"a: 已登记[CARD]和[ID]，电话[PHONE]，邮箱[EMAIL]",
		"a: 尾号1111的银行卡",
		"c: 我的卡号是4111111111111111",
	)
	tests := []struct {
		when string
		want []string
	}{
		{"{speaker: agent, detector: card_number}", []string{"4111 1111 1111 1111", "[CARD]"}},
		{"{detector: card_number}", []string{"4111 1111 1111 1111", "[CARD]", "4111111111111111"}},
		{"{speaker: agent, detector: id_number}", []string{id, "[ID]"}},
		{"{speaker: agent, detector: phone}", []string{"13812345678", "[PHONE]"}},
		{"{speaker: agent, detector: email}", []string{"zhang.san@example.com", "[EMAIL]"}},
		{"{speaker: agent, detector: card_number, keywords: {any: [核对]}}", []string{"核对", "4111 1111 1111 1111"}},
	}
	for _, tc := range tests {
		if got := matched(hitsOf(t, tc.when, m)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: matched %q, want %q", tc.when, got, tc.want)
		}
	}
	hs := hitsOf(t, "{detector: id_number}", m)
	for _, h := range hs {
		if h.Detector != "id_number" {
			t.Errorf("hit %+v: detector %q, want id_number", h, h.Detector)
		}
	}
}

func TestFirstResponse(t *testing.T) {
	when := "{detector: first_response, threshold: {seconds: 60, hours: 24}}"
	tests := []struct {
		name string
		m    *transcript.Message
		want []int
	}{
		{"slow chat", conv("chat", turn{sp: "c", text: "在吗", at: 0}, turn{sp: "c", text: "人呢", at: 50}, turn{sp: "a", text: "您好", at: 90}), []int{3}},
		{"fast chat", conv("chat", turn{sp: "c", text: "在吗", at: 0}, turn{sp: "a", text: "您好", at: 30}), []int{}},
		{"measured from the end of the turn", conv("voice", turn{sp: "c", text: "喂", at: 0, until: 50}, turn{sp: "a", text: "您好", at: 100}), []int{}},
		{"bot answers for the agents", conv("bot", turn{sp: "c", text: "hi", at: 0}, turn{sp: "b", text: "hello", at: 1}, turn{sp: "a", text: "hi", at: 300}), []int{}},
		{"agent spoke first", conv("voice", turn{sp: "a", text: "您好", at: 0}, turn{sp: "c", text: "喂", at: 1}, turn{sp: "a", text: "请讲", at: 200}), []int{}},
		{"no answer", conv("chat", turn{sp: "c", text: "在吗", at: 0}, turn{sp: "s", text: "closed", at: 500}), []int{}},
		{"e-mail in hours", conv("email", turn{sp: "c", text: "hi", at: 0}, turn{sp: "a", text: "dear", at: 25 * 3600}), []int{2}},
		{"e-mail within hours", conv("email", turn{sp: "c", text: "hi", at: 0}, turn{sp: "a", text: "dear", at: 20 * 3600}), []int{}},
	}
	for _, tc := range tests {
		if got := seqs(hitsOf(t, when, tc.m)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: seqs %v, want %v", tc.name, got, tc.want)
		}
	}
	// Only seconds: e-mail is not measured.
	if got := hitsOf(t, "{detector: first_response, threshold: {seconds: 60}}", conv("email", turn{sp: "c", text: "hi"}, turn{sp: "a", text: "x", at: 99999})); len(got) != 0 {
		t.Errorf("e-mail measured without hours: %+v", got)
	}
	// Humans only: the bot's reply does not count.
	s := mustLoad(t, rulesYAML("  - {id: r, kind: violation, severity: minor, bots_are_agents: false, when: "+when+"}\n"))
	m := conv("bot", turn{sp: "c", text: "hi", at: 0}, turn{sp: "b", text: "hello", at: 1}, turn{sp: "a", text: "您好", at: 300})
	hs := outcome(t, s, m, "r").Hits
	if len(hs) != 1 || hs[0].Seq != 3 || hs[0].Detector != "first_response" || hs[0].Matched != "您好" || hs[0].End != 2 {
		t.Errorf("humans only: %+v, want the agent's turn, whole", hs)
	}
	// Defaults: 60 s.
	if got := hitsOf(t, "{detector: first_response}", conv("chat", turn{sp: "c", text: "x"}, turn{sp: "a", text: "y", at: 61})); len(got) != 1 {
		t.Errorf("default threshold: %+v", got)
	}
}

func TestSilence(t *testing.T) {
	when := "{detector: silence, threshold: {seconds: 30}}"
	tests := []struct {
		name string
		m    *transcript.Message
		want []int
	}{
		{"dead air before the agent", conv("voice",
			turn{sp: "a", text: "您好", at: 0, until: 3}, turn{sp: "c", text: "我的快递呢", at: 4, until: 6},
			turn{sp: "a", text: "查到了", at: 60, until: 62}), []int{3}},
		{"announced hold", conv("voice",
			turn{sp: "c", text: "我的快递呢", at: 0, until: 2}, turn{sp: "a", text: "请您稍等，我查一下", at: 3, until: 5},
			turn{sp: "a", text: "感谢您的耐心等待", at: 50}), []int{}},
		{"hold announced, customer in between", conv("voice",
			turn{sp: "a", text: "one moment please", at: 0, until: 2}, turn{sp: "c", text: "ok", at: 3, until: 4},
			turn{sp: "a", text: "thanks for holding", at: 60}), []int{}},
		{"a hold long ago excuses nothing", conv("voice",
			turn{sp: "a", text: "请稍等", at: 0}, turn{sp: "a", text: "好了", at: 10}, turn{sp: "c", text: "嗯", at: 11},
			turn{sp: "a", text: "还有问题吗", at: 100}), []int{4}},
		{"the customer's pause is not the agent's", conv("chat",
			turn{sp: "a", text: "请提供订单号", at: 0}, turn{sp: "c", text: "123", at: 200}), []int{}},
		{"e-mail has no silence", conv("email", turn{sp: "c", text: "x", at: 0}, turn{sp: "a", text: "y", at: 9999}), []int{}},
	}
	for _, tc := range tests {
		if got := seqs(hitsOf(t, when, tc.m)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: seqs %v, want %v", tc.name, got, tc.want)
		}
	}
	m := conv("voice", turn{sp: "a", text: "我去问一下主管", at: 0}, turn{sp: "a", text: "好了", at: 60})
	if got := hitsOf(t, when, m); len(got) != 1 {
		t.Errorf("unannounced: %+v", got)
	}
	if got := hitsOf(t, "{detector: silence, threshold: {seconds: 30}, hold_phrases: [问一下主管]}", m); len(got) != 0 {
		t.Errorf("own hold phrase: %+v", got)
	}
	if got := seqs(hitsOf(t, "{detector: silence, speaker: customer, threshold: {seconds: 30}}",
		conv("chat", turn{sp: "a", text: "x", at: 0}, turn{sp: "c", text: "y", at: 100}))); !reflect.DeepEqual(got, []int{2}) {
		t.Errorf("customer's silence: %v", got)
	}
}

func TestRepeatedQuestion(t *testing.T) {
	m := chat(
		"a: 麻烦您提供一下订单号",
		"c: 123456",
		"a: 我这边帮您申请补发，新的单号稍后通知您", // no request: 申请, a tracking number
		"a: 订单号是多少？",
		"c: 我发过了",
		"a: 请再提供一下您的订单号。",
		"a: 请提供一下您的手机号",
	)
	hs := hitsOf(t, "{detector: repeated_question}", m)
	if len(hs) != 1 || hs[0].Seq != 4 || hs[0].Matched != "订单号" || hs[0].Detector != "repeated_question" {
		t.Errorf("hits %+v: want one, the second request (seq 4), spanning 订单号", hs)
	}
	if got := seqs(hitsOf(t, "{detector: repeated_question, threshold: {times: 3}}", m)); !reflect.DeepEqual(got, []int{6}) {
		t.Errorf("times 3: %v", got)
	}
	if got := hitsOf(t, "{detector: repeated_question, items: [phone]}", m); len(got) != 0 {
		t.Errorf("phone asked once: %+v", got)
	}
	en := chat("a: Could you please share your order number?", "c: 123", "a: What's the order number?")
	if got := seqs(hitsOf(t, "{detector: repeated_question}", en)); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("English: %v", got)
	}
	// Two asks in a row, before the customer says anything, are one.
	if got := hitsOf(t, "{detector: repeated_question}", chat("a: 订单号发一下。", "a: 请您提供一下订单号", "c: 123")); len(got) != 0 {
		t.Errorf("asks in a row: %+v", got)
	}
	// The customer asking twice is not the agent asking.
	if got := hitsOf(t, "{detector: repeated_question}", chat("c: 请问订单号在哪看？", "c: 订单号在哪看？")); len(got) != 0 {
		t.Errorf("customer: %+v", got)
	}
}

func TestIgnoredHumanRequest(t *testing.T) {
	when := "{detector: ignored_human_request, threshold: {turns: 2}}"
	tests := []struct {
		name string
		m    *transcript.Message
		want []int
	}{
		{"deflected", chat("c: 转人工", "b: 请问有什么可以帮您？", "c: 我说了转人工！！！", "b: 抱歉没听懂"), []int{2}},
		{"transferred", chat("c: 我要人工客服", "b: 正在为您转接人工客服，请稍候"), []int{}},
		{"transferred on the second turn", chat("c: 转人工", "a: 请先说一下订单号", "c: 123", "a: 好的，马上为您转接"), []int{}},
		{"system transfer", chat("c: real person please", "s: Chat transferred to Anna"), []int{}},
		{"no reply at all", chat("a: 您好", "c: 找你们主管来"), []int{2}},
		{"negated", chat("c: 不用转人工了，谢谢", "a: 好的"), []int{}},
		{"A-not-A asks", chat("c: 能不能让人工客服来处理", "b: 您是不是想问退款？"), []int{2}},
		{"English", chat("c: I want to talk to a human", "b: How can I help you today?", "c: HUMAN!"), []int{2}},
		{"forwarding a case is no transfer", chat("c: 转人工", "a: 已经帮您转交相关部门", "a: 再见"), []int{2}},
		{"a new request after a transfer", chat("c: 转人工", "a: 正在为您转接", "c: 转人工", "a: 您好"), []int{4}},
	}
	for _, tc := range tests {
		hs := hitsOf(t, when, tc.m)
		if got := seqs(hs); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: seqs %v, want %v", tc.name, got, tc.want)
		}
	}
	hs := hitsOf(t, when, chat("a: 您好", "c: 找你们主管来"))
	if len(hs) == 1 && hs[0].Matched != "找你们主管" {
		t.Errorf("unanswered request: span %q, want the request phrase", hs[0].Matched)
	}
	one := "{detector: ignored_human_request, threshold: {turns: 1}}"
	if got := seqs(hitsOf(t, one, chat("c: 转人工", "a: 请先说一下订单号", "c: 123", "a: 好的，马上为您转接"))); !reflect.DeepEqual(got, []int{2}) {
		t.Errorf("turns 1: %v", got)
	}
	own := "{detector: ignored_human_request, request_phrases: [叫你们老板], transfer_phrases: [老板来了]}"
	if got := seqs(hitsOf(t, own, chat("c: 叫你们老板来", "a: 老板来了", "c: 转人工", "a: 嗯"))); len(got) != 0 {
		t.Errorf("own phrases: %v", got)
	}
}

func TestDetectorPosition(t *testing.T) {
	m := conv("voice",
		turn{sp: "a", text: "x", at: 0}, turn{sp: "c", text: "y", at: 1},
		turn{sp: "a", text: "z", at: 100}, turn{sp: "c", text: "w", at: 101}, turn{sp: "a", text: "v", at: 300})
	if got := seqs(hitsOf(t, "{detector: silence}", m)); !reflect.DeepEqual(got, []int{3, 5}) {
		t.Errorf("silence: %v", got)
	}
	if got := seqs(hitsOf(t, "{detector: silence, position: {last: 1}}", m)); !reflect.DeepEqual(got, []int{5}) {
		t.Errorf("silence in the agent's last turn: %v", got)
	}
	if got := seqs(hitsOf(t, "{detector: silence, position: {turns: [1, 3]}}", m)); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("silence in turns 1–3: %v", got)
	}
}
