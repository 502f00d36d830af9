package job

import (
	"fmt"
	"slices"
	"strings"

	"github.com/apache/arrow/go/v17/arrow"
	"github.com/apache/arrow/go/v17/arrow/array"

	"github.com/convqa/convqa/internal/transcript"
)

// Messages rebuilds the conversations of a batch from its two records, in
// the conversations record's row order: kind "conversation" messages of
// schema v1 with their utterances ordered by seq. The records are only
// read; the messages share no memory with them, so the caller may release
// the records at once.
//
// Records that do not hold a batch are refused with a *RecordError: a
// column missing or of another type, a null where none is allowed, an
// empty tenant or id, a conversation twice, metadata keys and values of
// different lengths, an utterance of a conversation the batch lacks, a seq
// beyond the contract's range or twice in one conversation.
func Messages(conv, utt arrow.Record) ([]*transcript.Message, error) {
	if err := checkSchema("conversations", conv, ConversationSchema); err != nil {
		return nil, err
	}
	if err := checkSchema("utterances", utt, UtteranceSchema); err != nil {
		return nil, err
	}
	msgs, byID, err := decodeConversations(conv)
	if err != nil {
		return nil, err
	}
	if err := decodeUtterances(utt, msgs, byID); err != nil {
		return nil, err
	}
	for _, m := range msgs {
		slices.SortFunc(m.Utterances, func(a, b transcript.Utterance) int { return a.Seq - b.Seq })
		for i := 1; i < len(m.Utterances); i++ {
			if m.Utterances[i].Seq == m.Utterances[i-1].Seq {
				return nil, &RecordError{Record: "utterances", Column: "seq", Row: -1,
					Msg: fmt.Sprintf("seq %d twice in conversation %q", m.Utterances[i].Seq, m.ConversationID)}
			}
		}
	}
	return msgs, nil
}

func decodeConversations(rec arrow.Record) ([]*transcript.Message, map[string]int, error) {
	str := func(i int) *array.String { return rec.Column(i).(*array.String) }
	var (
		tenant, id, status, channel, language = str(cTenant), str(cConversationID), str(cStatus), str(cChannel), str(cLanguage)
		agentID, agentName, agentTeam         = str(cAgentID), str(cAgentName), str(cAgentTeam)
		customer                              = str(cCustomerHash)
		sku, pname, category, batch           = str(cProductSKU), str(cProductName), str(cProductCategory), str(cProductBatch)
		queue, disposition                    = str(cQueue), str(cDisposition)
		started                               = rec.Column(cStartedAt).(*array.Timestamp)
		ended                                 = rec.Column(cEndedAt).(*array.Timestamp)
		csat                                  = rec.Column(cCSAT).(*array.Uint8)
		mdKeys                                = rec.Column(cMetadataKeys).(*array.List)
		mdValues                              = rec.Column(cMetadataValues).(*array.List)
	)
	n := int(rec.NumRows())
	msgs := make([]*transcript.Message, n)
	byID := make(map[string]int, n)
	for r := 0; r < n; r++ {
		bad := func(col, msg string) error {
			return &RecordError{Record: "conversations", Column: col, Row: r, Msg: msg}
		}
		m := &transcript.Message{
			Schema:         transcript.SchemaV1,
			Kind:           transcript.KindConversation,
			Tenant:         strings.Clone(tenant.Value(r)),
			ConversationID: strings.Clone(id.Value(r)),
			Status:         transcript.Status(strings.Clone(status.Value(r))),
			Channel:        transcript.Channel(strings.Clone(channel.Value(r))),
			Language:       transcript.Language(strings.Clone(language.Value(r))),
			Queue:          strings.Clone(queue.Value(r)),
			Disposition:    strings.Clone(disposition.Value(r)),
			CSAT:           int(csat.Value(r)),
		}
		if m.Tenant == "" {
			return nil, nil, bad("tenant", "empty")
		}
		if m.ConversationID == "" {
			return nil, nil, bad("conversation_id", "empty")
		}
		if _, dup := byID[m.ConversationID]; dup {
			return nil, nil, bad("conversation_id", fmt.Sprintf("conversation %q twice", m.ConversationID))
		}
		s := started.Value(r).ToTime(arrow.Second)
		m.StartedAt = &s
		if ended.IsValid(r) {
			e := ended.Value(r).ToTime(arrow.Second)
			m.EndedAt = &e
		}
		if a := (transcript.Agent{ID: agentID.Value(r), Name: agentName.Value(r), Team: agentTeam.Value(r)}); a != (transcript.Agent{}) {
			m.Agent = &transcript.Agent{ID: strings.Clone(a.ID), Name: strings.Clone(a.Name), Team: strings.Clone(a.Team)}
		}
		if c := customer.Value(r); c != "" {
			m.Customer = &transcript.Customer{ID: strings.Clone(c)}
		}
		if p := (transcript.Product{SKU: sku.Value(r), Name: pname.Value(r), Category: category.Value(r), Batch: batch.Value(r)}); p != (transcript.Product{}) {
			m.Product = &transcript.Product{SKU: strings.Clone(p.SKU), Name: strings.Clone(p.Name), Category: strings.Clone(p.Category), Batch: strings.Clone(p.Batch)}
		}
		md, err := metadata(mdKeys, mdValues, r)
		if err != nil {
			return nil, nil, bad("metadata_keys", err.Error())
		}
		m.Metadata = md
		msgs[r] = m
		byID[m.ConversationID] = r
	}
	return msgs, byID, nil
}

// metadata rebuilds row r's metadata map from the parallel key and value
// lists; nil when there is none.
func metadata(keys, values *array.List, r int) (map[string]string, error) {
	if keys.IsNull(r) || values.IsNull(r) {
		return nil, fmt.Errorf("null list")
	}
	ks, ke := keys.ValueOffsets(r)
	vs, ve := values.ValueOffsets(r)
	if ke-ks != ve-vs {
		return nil, fmt.Errorf("%d keys but %d values", ke-ks, ve-vs)
	}
	if ke == ks {
		return nil, nil
	}
	kv, ok1 := keys.ListValues().(*array.String)
	vv, ok2 := values.ListValues().(*array.String)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("list values are not strings")
	}
	md := make(map[string]string, ke-ks)
	for i := int64(0); i < ke-ks; i++ {
		k, v := int(ks+i), int(vs+i)
		if kv.IsNull(k) || vv.IsNull(v) {
			return nil, fmt.Errorf("null metadata entry %d", i)
		}
		key := kv.Value(k)
		if _, dup := md[key]; dup {
			return nil, fmt.Errorf("metadata key %q twice", key)
		}
		md[strings.Clone(key)] = strings.Clone(vv.Value(v))
	}
	return md, nil
}

func decodeUtterances(rec arrow.Record, msgs []*transcript.Message, byID map[string]int) error {
	var (
		id      = rec.Column(uConversationID).(*array.String)
		seq     = rec.Column(uSeq).(*array.Uint32)
		speaker = rec.Column(uSpeaker).(*array.String)
		text    = rec.Column(uText).(*array.String)
		startMS = rec.Column(uStartMS).(*array.Int64)
		endMS   = rec.Column(uEndMS).(*array.Int64)
	)
	for r := 0; r < int(rec.NumRows()); r++ {
		i, ok := byID[id.Value(r)]
		if !ok {
			return &RecordError{Record: "utterances", Column: "conversation_id", Row: r,
				Msg: fmt.Sprintf("conversation %q is not in the batch", id.Value(r))}
		}
		s := seq.Value(r)
		if s > transcript.MaxSeq {
			return &RecordError{Record: "utterances", Column: "seq", Row: r,
				Msg: fmt.Sprintf("%d is beyond the contract's %d", s, transcript.MaxSeq)}
		}
		m := msgs[i]
		m.Utterances = append(m.Utterances, transcript.Utterance{
			Seq:     int(s),
			Speaker: transcript.Speaker(strings.Clone(speaker.Value(r))),
			Text:    strings.Clone(text.Value(r)),
			StartMS: startMS.Value(r),
			EndMS:   endMS.Value(r),
		})
	}
	return nil
}
