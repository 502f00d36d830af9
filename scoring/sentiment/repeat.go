package sentiment

import (
	"strings"

	"github.com/convqa/convqa/internal/textnorm"
)

// Repeat is something the agent asked the customer for more than once.
type Repeat struct {
	// Item is what was asked for: order_number, phone, address, photo,
	// id_number or email.
	Item string `json:"item"`
	// Seqs are the agent utterances that asked, in order.
	Seqs []int `json:"seqs"`
}

// requestItems are the things agents ask for, matched on normalized text
// (Simplified, lower case); requestCues make an utterance a request.
var requestItems = []struct {
	item  string
	words []string
}{
	{"order_number", []string{"订单号", "单号", "订单编号", "order number", "order id", "order #"}},
	{"phone", []string{"手机号", "电话号码", "联系电话", "phone number"}},
	{"address", []string{"收货地址", "地址", "address"}},
	{"photo", []string{"照片", "图片", "截图", "拍照", "photo", "picture", "screenshot"}},
	{"id_number", []string{"身份证", "id number"}},
	{"email", []string{"邮箱", "email", "e-mail"}},
}

var requestCues = []string{"请", "麻烦", "提供", "发一下", "发下", "告诉", "确认", "核实", "能否", "可以", "?", "please", "can you", "could you", "provide", "send", "confirm", "what is", "what's"}

// Frustration the customer feels when asked again: the second request
// weighs repeatFirst, each further one repeatStep more, up to repeatMax.
const (
	repeatFirst = 0.5
	repeatStep  = 0.2
	repeatMax   = 0.9
)

// repeatTracker counts what the agent asked for; a repeated request makes
// the customer's next utterance more frustrated.
type repeatTracker struct {
	asked   map[string]int // item → index into Conversation.Repeats, or -1 before the 2nd ask
	seqs    map[string][]int
	due     float64 // frustration owed to the customer's next utterance
	dueItem string
}

func newRepeatTracker() *repeatTracker {
	return &repeatTracker{asked: map[string]int{}, seqs: map[string][]int{}}
}

func (rt *repeatTracker) agent(t *textnorm.Text, seq int, c *Conversation) {
	if !containsAny(t.Norm, requestCues) {
		return
	}
	for _, it := range requestItems {
		if !containsAny(t.Norm, it.words) {
			continue
		}
		rt.seqs[it.item] = append(rt.seqs[it.item], seq)
		n := len(rt.seqs[it.item])
		if n < 2 {
			continue
		}
		i, ok := rt.asked[it.item]
		if !ok {
			i = len(c.Repeats)
			rt.asked[it.item] = i
			c.Repeats = append(c.Repeats, Repeat{Item: it.item})
		}
		c.Repeats[i].Seqs = append([]int(nil), rt.seqs[it.item]...)
		rt.due = min(repeatMax, repeatFirst+repeatStep*float64(n-2))
		rt.dueItem = it.item
	}
}

// pending returns (and clears) the frustration owed to the customer.
func (rt *repeatTracker) pending() (float64, string) {
	v, item := rt.due, rt.dueItem
	rt.due, rt.dueItem = 0, ""
	return v, item
}

var humanWords = []string{"转人工", "人工客服", "真人", "人工！", "人工!", "找人工", "要人工", "human", "real person", "representative", "live agent", "speak to an agent", "talk to an agent", "a person"}

func asksForHuman(norm string) bool { return containsAny(norm, humanWords) }

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
