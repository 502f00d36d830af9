package rules

import (
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/convqa/convqa/scoring/sentiment"
)

// Built-in word lists. They are matched like keywords, on normalized text
// (Simplified, lower case, half-width), English on word boundaries. A rule
// file can replace each one for a leaf (negation_guard: [..],
// hold_phrases, request_phrases, transfer_phrases).

// builtinNegations precede a keyword in the same clause to void it:
// "不能保证", "I can't guarantee" are not promises.
var builtinNegations = []string{
	"不能", "不可以", "无法", "没法", "不会", "不敢", "不一定", "没办法", "没有办法", "不保证",
	"不能够", "不可能", "不确定", "难以", "未必", "不好说", "不承诺", "不答应", "没法子", "无权",
	"can't", "cannot", "can not", "won't", "will not", "unable to", "not able to", "don't",
	"do not", "doesn't", "does not", "couldn't", "could not", "wouldn't", "would not",
	"no way to", "not in a position to", "never", "not sure", "impossible to", "not going to",
}

// builtinHolds announce a hold: a silence after one is no dead air.
var builtinHolds = []string{
	"请稍等", "稍等片刻", "请您稍候", "请稍候", "稍等", "稍候", "等一下", "请等一下", "请耐心等待",
	"please hold", "on hold", "brief hold", "hold on", "one moment", "a moment", "moment please",
	"let me check", "bear with me", "just a second", "give me a second", "one second",
}

// extraHumanRequests add to sentiment's words for asking for a human.
var extraHumanRequests = []string{
	"人工服务", "找人工客服", "专人", "找你们主管", "找主管", "叫主管", "你们主管", "找经理", "叫经理",
	"你们经理", "找你们经理", "agent please", "supervisor", "your manager", "a manager",
	"real human", "speak to a human", "talk to a human",
}

// builtinTransfers show the agent or bot handing the customer over;
// "帮您转交相关部门" forwards a case and is none.
var builtinTransfers = []string{
	"转接", "转人工", "转真人", "转专人", "转给主管", "转给专人", "转给人工", "转至人工", "安排人工", "升级给", "升级至",
	"transfer you", "transferring you", "transferred to", "connect you", "connecting you",
	"put you through", "escalate", "hand you over", "now chatting with",
}

// requestNegations void a request for a human: "不用转人工了".
var requestNegations = []string{"不用", "不需要", "没有要", "no need", "don't need", "do not need", "don't want", "do not want"}

// extraAskCues add to sentiment's request cues: "这边还需要您的订单号",
// and "订单号是多少" in a call transcript without its question mark.
var extraAskCues = []string{"需要", "need", "多少", "是什么", "哪个"}

// notAsk hold a cue or an item word without asking for anything: the 请
// of 申请 ("帮您申请补发"), the 单号 of a tracking number the agent gives.
var notAsk = []string{"申请", "邀请", "请假", "聘请", "快递单号", "物流单号", "运单号", "退货单号", "新的单号", "tracking number"}

// placeholders are what ingest redaction leaves in stored text, by PII
// detector; matched like keywords, so [card] and ［ＣＡＲＤ］ count too.
var placeholders = map[detector]string{detCard: "[CARD]", detID: "[ID]", detPhone: "[PHONE]", detEmail: "[EMAIL]"}

// builtins is every built-in list, for the set's version: a change to any
// of them changes what the rules find.
func builtins() [][]string {
	out := [][]string{builtinNegations, builtinHolds, builtinTransfers, requestNegations, extraAskCues, notAsk,
		humanRequests(), sentiment.AskCues()}
	for _, it := range sentiment.AskItems() {
		out = append(out, append([]string{it.Item}, it.Words...))
	}
	return out
}

func humanRequests() []string {
	return append(sentiment.HumanRequestWords(), extraHumanRequests...)
}

func askCues() []string { return append(sentiment.AskCues(), extraAskCues...) }

// builtinsDigest is a hash of every built-in list.
func builtinsDigest() []byte {
	h := sha256.New()
	for _, l := range builtins() {
		fmt.Fprintf(h, "%d\x00%s\x00", len(l), strings.Join(l, "\x00"))
	}
	for d := detCard; d <= detEmail; d++ {
		fmt.Fprintf(h, "%s\x00", placeholders[d])
	}
	return h.Sum(nil)
}
