package transcript

import "math/bits"

// stringMember is one string field of an object whose fields are all
// strings (agent, customer, product).
type stringMember struct {
	name string
	dst  *string
	id   bool // an id: checked by checkID and required
}

// stringObject reads an object of string members. obj is the object's path
// and objOff its offset, for the error of a missing id.
func (d *decoder) stringObject(obj field, names string, ms []stringMember) (ok bool, err *Error) {
	objOff := int64(d.pos)
	if ok, err := d.openObject(obj, true, "an object"); !ok {
		return false, err
	}
	var seen uint32
	first := true
	for {
		key, keyOff, done, err := d.objectNext(obj, &first)
		if err != nil {
			return false, err
		}
		if done {
			break
		}
		k := -1
		for j := range ms {
			if string(key) == ms[j].name {
				k = j
				break
			}
		}
		var bit uint32
		if k >= 0 {
			bit = 1 << k
		}
		known, err := d.member(obj, &seen, bit, key, keyOff, names)
		if err != nil {
			return false, err
		}
		if !known {
			continue
		}
		f := sub(obj.name, ms[k].name)
		if ms[k].id {
			*ms[k].dst, err = d.idValue(f, d.lim.MaxStringBytes)
		} else {
			*ms[k].dst, err = d.stringValue(f, d.lim.MaxStringBytes)
		}
		if err != nil {
			return false, err
		}
	}
	d.depth--
	for _, m := range ms {
		if m.id && *m.dst == "" {
			d.fail(missing(sub(obj.name, m.name), objOff, "a non-empty string"))
		}
	}
	return true, nil
}

func (d *decoder) agent(m *Message) *Error {
	a := new(Agent)
	ok, err := d.stringObject(top("agent"), "id, name, team", []stringMember{
		{"id", &a.ID, true}, {"name", &a.Name, false}, {"team", &a.Team, false}})
	if ok {
		m.Agent = a
	}
	return err
}

func (d *decoder) customer(m *Message) *Error {
	c := new(Customer)
	ok, err := d.stringObject(top("customer"), "id", []stringMember{{"id", &c.ID, true}})
	if ok {
		m.Customer = c
	}
	return err
}

func (d *decoder) product(m *Message) *Error {
	p := new(Product)
	ok, err := d.stringObject(top("product"), "sku, name, category, batch", []stringMember{
		{"sku", &p.SKU, false}, {"name", &p.Name, false},
		{"category", &p.Category, false}, {"batch", &p.Batch, false}})
	if ok {
		m.Product = p
	}
	return err
}

// Bits of the utterance fields, for duplicate detection.
const (
	uSeq uint32 = 1 << iota
	uSpeaker
	uText
	uStartMS
	uEndMS
)

const uttFields = "seq, speaker, text, start_ms, end_ms"

// uttNames is indexed by the bit number of the u* constants.
var uttNames = [...]string{"seq", "speaker", "text", "start_ms", "end_ms"}

func uttBit(key []byte) uint32 {
	switch string(key) {
	case "seq":
		return uSeq
	case "speaker":
		return uSpeaker
	case "text":
		return uText
	case "start_ms":
		return uStartMS
	case "end_ms":
		return uEndMS
	}
	return 0
}

// utterances reads the utterances array of a conversation message.
func (d *decoder) utterances(m *Message, st *msgState) *Error {
	f := top("utterances")
	off := int64(d.pos)
	switch c := d.peek(); c {
	case 'n':
		return d.literal("null")
	case '[':
	default:
		d.fail(wrongType(f, c, off, "an array of utterance objects"))
		return d.skipValue(d.depth)
	}
	st.hasUtterances = true
	st.offs.utterances = off
	d.pos++
	d.depth++
	var seqs seqSet
	first := true
	for i := 0; ; i++ {
		done, err := d.arrayNext(&first)
		if err != nil {
			return err
		}
		if done {
			break
		}
		if i >= d.lim.MaxUtterances {
			// Keep reading for syntax, but stop storing: the limit is
			// there to bound memory.
			if i == d.lim.MaxUtterances {
				d.fail(tooMany(f, d.lim.MaxUtterances, "utterances", int64(d.pos)))
			}
			if err := d.skipValue(d.depth); err != nil {
				return err
			}
			continue
		}
		var u Utterance
		ok, seqOff, err := d.utterance(&u, item("utterances", i), "utterances", i, false)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if seqs.add(u.Seq, m.Utterances) {
			d.fail(dupSeq(itemField("utterances", i, "seq"), u.Seq, seqOff))
		}
		if m.Utterances == nil {
			m.Utterances = make([]Utterance, 0, 16)
		}
		m.Utterances = append(m.Utterances, u)
	}
	d.depth--
	return nil
}

// utterance reads one utterance object into u. obj is its path, and
// parent and i name it for itemField (i is -1 outside an array).
func (d *decoder) utterance(u *Utterance, obj field, parent string, i int, nullOK bool) (ok bool, seqOff int64, err *Error) {
	objOff := int64(d.pos)
	if ok, err := d.openObject(obj, nullOK, "an utterance object"); !ok {
		return false, 0, err
	}
	var seen uint32
	var hasSeq, hasText, hasEnd bool
	o := uttOffsets{obj: objOff, text: objOff, end: objOff}
	seqOff = objOff
	first := true
	for {
		key, keyOff, done, err := d.objectNext(obj, &first)
		if err != nil {
			return false, 0, err
		}
		if done {
			break
		}
		bit := uttBit(key)
		known, err := d.member(obj, &seen, bit, key, keyOff, uttFields)
		if err != nil {
			return false, 0, err
		}
		if !known {
			continue
		}
		f := itemField(parent, i, uttNames[bits.TrailingZeros32(bit)])
		if bit == uSpeaker || bit == uText {
			s, off, ok, err := d.stringRaw(f, true)
			if err != nil {
				return false, 0, err
			}
			switch {
			case !ok:
			case bit == uText:
				hasText, o.text = true, off
				if len(s) > d.lim.MaxTextBytes {
					d.fail(tooLong(f, len(s), d.lim.MaxTextBytes, off))
				} else {
					u.Text = string(s)
				}
			case len(s) == 0:
				d.fail(missing(f, off, allowedSpeaker))
			default:
				if u.Speaker = parseSpeaker(s); u.Speaker == "" {
					d.fail(unknownEnum(ClassUnknownSpeaker, f, string(s), off, "speaker", allowedSpeaker))
				}
			}
			continue
		}
		v, off, ok, err := d.intValue(f)
		if err != nil {
			return false, 0, err
		}
		if !ok {
			continue
		}
		switch bit {
		case uSeq:
			seqOff = off
			if e := checkSeq(f, v, off); e != nil {
				d.fail(e)
			} else {
				u.Seq, hasSeq = int(v), true
			}
		case uStartMS:
			if e := checkOffset(f, v, off); e != nil {
				d.fail(e)
			} else {
				u.StartMS = v
			}
		case uEndMS:
			o.end = off
			if e := checkOffset(f, v, off); e != nil {
				d.fail(e)
			} else {
				u.EndMS, hasEnd = v, true
			}
		}
	}
	d.depth--
	if !hasSeq {
		d.fail(missing(itemField(parent, i, "seq"), objOff, allowedSeq))
	}
	if !hasText {
		d.fail(missing(itemField(parent, i, "text"), objOff,
			"a string, non-empty unless speaker is system"))
	}
	// A chat turn has a moment, not a duration: end_ms may be left out.
	if !hasEnd {
		u.EndMS = u.StartMS
	}
	if e := checkUtteranceRules(u, parent, i, o); e != nil {
		d.fail(e)
	}
	return true, seqOff, nil
}

// metadata reads the metadata map. An empty map decodes as nil, as
// encoding/json's omitempty would write it.
func (d *decoder) metadata(m *Message) *Error {
	f := top("metadata")
	if ok, err := d.openObject(f, true, "an object of strings"); !ok {
		return err
	}
	var md map[string]string
	first := true
	for {
		key, keyOff, done, err := d.objectNext(f, &first)
		if err != nil {
			return err
		}
		if done {
			break
		}
		k := string(key)
		if _, dup := md[k]; dup && d.err == nil {
			d.fail(newError(ClassDuplicateField, metaKey(k), int64(keyOff),
				"key appears twice", "each key at most once"))
		} else if !dup && len(md) >= d.lim.MaxMetadataKeys {
			if d.err == nil {
				d.fail(tooMany(f, d.lim.MaxMetadataKeys, "keys", int64(keyOff)))
			}
			if err := d.skipValue(d.depth); err != nil {
				return err
			}
			continue
		}
		s, valOff, ok, err := d.stringRaw(metaKey(k), false)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		v := string(s)
		if e := checkMetadata(k, v, d.lim, int64(keyOff), valOff); e != nil {
			d.fail(e)
			continue
		}
		if md == nil {
			md = make(map[string]string, 8)
		}
		md[k] = v
	}
	d.depth--
	m.Metadata = md
	return nil
}
