package transcript

// The parse functions map a decoded enum value to its constant, so decoded
// messages share the constants' memory instead of allocating; "" means
// unknown.
func parseKind(s []byte) Kind {
	switch string(s) {
	case "conversation":
		return KindConversation
	case "utterance":
		return KindUtterance
	}
	return ""
}

func parseStatus(s []byte) Status {
	switch string(s) {
	case "open":
		return StatusOpen
	case "closed":
		return StatusClosed
	}
	return ""
}

func parseChannel(s []byte) Channel {
	switch string(s) {
	case "chat":
		return ChannelChat
	case "voice":
		return ChannelVoice
	case "email":
		return ChannelEmail
	case "bot":
		return ChannelBot
	}
	return ""
}

func parseLanguage(s []byte) Language {
	switch string(s) {
	case "zh-Hans":
		return LangZhHans
	case "zh-Hant":
		return LangZhHant
	case "en":
		return LangEn
	case "auto":
		return LangAuto
	}
	return ""
}

func parseSpeaker(s []byte) Speaker {
	switch string(s) {
	case "agent":
		return SpeakerAgent
	case "customer":
		return SpeakerCustomer
	case "bot":
		return SpeakerBot
	case "system":
		return SpeakerSystem
	}
	return ""
}

func validKind(k Kind) bool { return k == KindConversation || k == KindUtterance }
func validStatus(s Status) bool {
	return s == "" || s == StatusOpen || s == StatusClosed
}
func validChannel(c Channel) bool {
	return c == "" || c == ChannelChat || c == ChannelVoice || c == ChannelEmail || c == ChannelBot
}
func validLanguage(l Language) bool {
	return l == "" || l == LangZhHans || l == LangZhHant || l == LangEn || l == LangAuto
}
func validSpeaker(s Speaker) bool {
	return s == SpeakerAgent || s == SpeakerCustomer || s == SpeakerBot || s == SpeakerSystem
}
