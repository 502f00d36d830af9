package sentiment

// AskItem is one kind of thing agents ask customers for, with the words
// that name it in normalized text (Simplified, lower case).
type AskItem struct {
	// Item is order_number, phone, address, photo, id_number or email.
	Item string
	// Words name the item ("订单号", "order number").
	Words []string
}

// AskItems returns the things whose repeated request makes a customer
// frustrated, with their words: the vocabulary the frustration detector
// uses, shared with the compliance rule engine's repeated_question
// detector so that both count the same requests. The result is a copy.
func AskItems() []AskItem {
	out := make([]AskItem, len(requestItems))
	for i, it := range requestItems {
		out[i] = AskItem{Item: it.item, Words: append([]string(nil), it.words...)}
	}
	return out
}

// AskCues returns the words that make an agent's utterance a request
// ("请", "麻烦", "please", "?"): an utterance asks for an item when it holds
// a cue and one of the item's words. The result is a copy.
func AskCues() []string { return append([]string(nil), requestCues...) }

// HumanRequestWords returns the phrases with which a customer asks for a
// human agent ("转人工", "real person"), normalized. The result is a copy.
func HumanRequestWords() []string { return append([]string(nil), humanWords...) }
