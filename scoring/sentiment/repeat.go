package sentiment

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
var requestItems = [...]struct {
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
	asked   [len(requestItems)]int   // 1 + index into Conversation.Repeats; 0 before the 2nd ask
	seqs    [len(requestItems)][]int // the utterances that asked, per item
	due     float64                  // frustration owed to the customer's next utterance
	dueItem string
}

// agent counts the requests of an agent utterance whose words are w.
func (rt *repeatTracker) agent(w wordFlags, seq int, c *Conversation) {
	if w&flagCue == 0 {
		return
	}
	for k := range requestItems {
		if w&(flagItem<<k) == 0 {
			continue
		}
		it := &requestItems[k]
		rt.seqs[k] = append(rt.seqs[k], seq)
		n := len(rt.seqs[k])
		if n < 2 {
			continue
		}
		if rt.asked[k] == 0 {
			c.Repeats = append(c.Repeats, Repeat{Item: it.item})
			rt.asked[k] = len(c.Repeats)
		}
		c.Repeats[rt.asked[k]-1].Seqs = append([]int(nil), rt.seqs[k]...)
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

// wordFlags say which of the conversation analysis's word lists occur in
// a normalized text, anywhere in it (as strings.Contains would find
// them): a request cue, each request item's words, a request for a human.
type wordFlags uint16

const (
	flagCue   wordFlags = 1 << iota
	flagHuman           // humanWords
	flagItem            // requestItems[k] is flagItem << k
)

// wordList is one of the lists wordFlags tell apart.
type wordList struct {
	words []string
	flag  wordFlags
}

// wordLists returns the lists; the lexicon's automaton finds their words
// in the pass that finds its phrases.
func wordLists() []wordList {
	out := []wordList{{requestCues, flagCue}, {humanWords, flagHuman}}
	for k := range requestItems {
		out = append(out, wordList{requestItems[k].words, flagItem << k})
	}
	return out
}
