package textnorm

import (
	"slices"
	"sync"
	"testing"
)

// shared builds each Normalizer once for the whole test binary; New is
// deterministic, so sharing cannot hide a bug in it.
var shared = struct {
	sync.Once
	def, keepCase, contextFree *Normalizer
	err                        error
}{}

func normalizers(tb testing.TB) (def, keepCase, contextFree *Normalizer) {
	tb.Helper()
	shared.Do(func() {
		var errs [3]error
		shared.def, errs[0] = New(Options{})
		shared.keepCase, errs[1] = New(Options{KeepCase: true})
		shared.contextFree, errs[2] = New(Options{ContextFree: true})
		for _, err := range errs {
			if err != nil {
				shared.err = err
			}
		}
	})
	if shared.err != nil {
		tb.Fatalf("New: %v", shared.err)
	}
	return shared.def, shared.keepCase, shared.contextFree
}

func TestNormalize(t *testing.T) {
	def, _, _ := normalizers(t)
	for _, tc := range []struct {
		name, in, want string
		lang           Lang
		script         Script
	}{
		{"simplified unchanged", "这个产品质量太差了", "这个产品质量太差了", LangZhHans, ScriptHans},
		{"traditional place name", "臺灣", "台湾", LangZhHant, ScriptHant},
		{"後來", "後來怎麼樣了", "后来怎么样了", LangZhHant, ScriptHant},
		{"髮 by character", "我的頭髮", "我的头发", LangZhHant, ScriptHant},
		{"乾淨 by character", "很乾淨", "很干净", LangZhHant, ScriptHant},
		{"乾坤 kept by phrase", "扭轉乾坤", "扭转乾坤", LangZhHant, ScriptHant},
		{"覆 by phrase", "請回覆，別覆蓋", "请回复,别覆盖", LangZhHant, ScriptHant},
		{"著 as zhe in Traditional", "我一直等著你們", "我一直等着你们", LangZhHant, ScriptHant},
		{"著 in 著名 kept", "這是著名的品牌", "这是著名的品牌", LangZhHant, ScriptHant},
		{"著 in Simplified kept", "效果显著，我们很满意", "效果显著,我们很满意", LangZhHans, ScriptHans},
		{"著 alone tips to Traditional", "等著", "等着", LangZhHant, ScriptHant},
		{"裡 and 裏", "在哪裡？裏面", "在哪里?里面", LangZhHant, ScriptHant},
		{"phrase spelt with Taiwan variant", "壺裡乾坤", "壶里乾坤", LangZhHant, ScriptHant},
		{"Hong Kong variant", "衞生紙", "卫生纸", LangZhHant, ScriptHant},
		{"3-byte to 4-byte", "㑮", "𫝈", LangZhHant, ScriptHant},
		{"full-width letters and digits", "ＡＢＣ１２３", "abc123", LangEn, ScriptLatin},
		{"ideographic space", "你好　世界", "你好 世界", LangZhHans, ScriptHans},
		{"full-width punctuation", "！？，：；（）％＃", "!?,:;()%#", LangUnknown, ScriptNone},
		{"CJK punctuation kept", "。、「」…", "。、「」…", LangUnknown, ScriptNone},
		{"mixed", "我的ORDER號碼是１２３", "我的order号码是123", LangZhHant, ScriptMixed},
		{"mixed evenly", "WORST SERVICE 太差了", "worst service 太差了", LangMixed, ScriptMixed},
		{"English", "Where Is My Order?", "where is my order?", LangEn, ScriptLatin},
		{"Latin beyond ASCII", "CAFÉ Ｋ", "café k", LangEn, ScriptLatin},
		{"astral capitals", "\U00010400", "\U00010428", LangUnknown, ScriptNone},
		{"compatibility forms", "①号 ⼀ 𝐖 x\u00a0y ｶ", "1号 一 w x y カ", LangMixed, ScriptMixed},
		{"emoji not folded", "ℹ️ Ⓜ️ ㊙️ 🈚", "ℹ️ Ⓜ️ ㊙️ 🈚", LangUnknown, ScriptNone},
		{"invalid UTF-8", "a\xffb\xe4\xbd", "a\ufffdb\ufffd\ufffd", LangEn, ScriptLatin},
		{"empty", "", "", LangUnknown, ScriptNone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := def.Normalize(tc.in)
			if got.Norm != tc.want || got.Lang != tc.lang || got.Script != tc.script {
				t.Errorf("Normalize(%q) = %q %q %v, want %q %q %v",
					tc.in, got.Norm, got.Lang, got.Script, tc.want, tc.lang, tc.script)
			}
			if got.Orig != tc.in {
				t.Errorf("Orig = %q, want the input %q", got.Orig, tc.in)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	_, keepCase, contextFree := normalizers(t)
	for _, tc := range []struct {
		name string
		n    *Normalizer
		in   string
		want string
	}{
		{"KeepCase keeps capitals", keepCase, "ＯＲＤＥＲ號碼", "ORDER号码"},
		{"KeepCase still folds", keepCase, `\D（退款）`, `\D(退款)`},
		{"ContextFree has no phrases", contextFree, "扭轉乾坤", "扭转干坤"},
		{"ContextFree has no variant rules", contextFree, "等著你們", "等著你们"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.n.Normalize(tc.in).Norm; got != tc.want {
				t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestSignals checks the cues, shown as the Norm text of each span.
func TestSignals(t *testing.T) {
	def, _, _ := normalizers(t)
	for _, tc := range []struct {
		name, in                    string
		excl, quest                 int
		runs, ellipses, emoji, caps []string
	}{
		{name: "full-width exclamations", in: "太慢了！！！", excl: 3, runs: []string{"!!!"}},
		{name: "one mark is no run", in: "好的! 是吗?", excl: 1, quest: 1},
		{name: "question marks", in: "到底怎么回事？？？", quest: 3, runs: []string{"???"}},
		{name: "mixed marks", in: "what?! really?!?", excl: 2, quest: 3, runs: []string{"?!", "?!?"}},
		{name: "double marks", in: "‼ ⁉", excl: 3, quest: 1, runs: []string{"‼", "⁉"}},
		{name: "ideographic ellipsis", in: "好吧。。。", ellipses: []string{"。。。"}},
		{name: "two stops are no ellipsis", in: "好吧。。", ellipses: nil},
		{name: "Chinese ellipsis", in: "我等了……很久…", ellipses: []string{"……", "…"}},
		{name: "ASCII and full-width dots", in: "wait... ok．．． 1.5", ellipses: []string{"...", "..."}},
		{name: "angry emoji", in: "😡😡", emoji: []string{"😡", "😡"}},
		{name: "ZWJ family", in: "👨‍👩‍👧", emoji: []string{"👨‍👩‍👧"}},
		{name: "skin tone", in: "好👍🏽", emoji: []string{"👍🏽"}},
		{name: "ZWJ with skin tones", in: "🧑🏻‍💻", emoji: []string{"🧑🏻‍💻"}},
		{name: "flags", in: "🇨🇳🇹🇼🇺", emoji: []string{"🇨🇳", "🇹🇼", "🇺"}},
		{name: "keycap", in: "选1️⃣或者2", emoji: []string{"1️⃣"}},
		{name: "text-default needs FE0F", in: "© ©️ ↔ ↔️", emoji: []string{"©️", "↔️"}},
		{name: "heart without FE0F", in: "爱你❤", emoji: []string{"❤"}},
		{name: "trailing ZWJ not included", in: "😡\u200d好", emoji: []string{"😡"}},
		{name: "shouting", in: "WORST SERVICE EVER!!! I'm DONE. DON'T call", excl: 3,
			runs: []string{"!!!"}, caps: []string{"worst", "service", "ever", "done", "don't"}},
		{name: "caps in Chinese", in: "我的ORDER號碼", caps: []string{"order"}},
		{name: "one capital is no caps word", in: "I am A B", caps: nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := def.Normalize(tc.in)
			s := got.Signals
			if s.Exclamations != tc.excl || s.Questions != tc.quest {
				t.Errorf("Exclamations, Questions = %d, %d, want %d, %d", s.Exclamations, s.Questions, tc.excl, tc.quest)
			}
			for _, f := range []struct {
				name  string
				spans []Span
				want  []string
			}{{"PunctRuns", s.PunctRuns, tc.runs}, {"Ellipses", s.Ellipses, tc.ellipses},
				{"Emoji", s.Emoji, tc.emoji}, {"CapsWords", s.CapsWords, tc.caps}} {
				if texts := spanTexts(got.Norm, f.spans); !slices.Equal(texts, f.want) {
					t.Errorf("%s = %q, want %q", f.name, texts, f.want)
				}
			}
		})
	}
}

func TestCounts(t *testing.T) {
	def, _, _ := normalizers(t)
	s := def.Normalize("我們的ORDER號碼是123，你们的呢？I'm here").Signals
	want := Signals{Questions: 1, CapsWords: s.CapsWords, LatinWords: 3, LatinLetters: 11,
		HanChars: 10, TradOnly: 3, SimpOnly: 1, Traditional: true}
	if !equalSignals(s, want) {
		t.Errorf("Signals = %+v, want %+v", s, want)
	}
}

func TestEmojiKey(t *testing.T) {
	for in, want := range map[string]string{"👍🏽": "👍", "❤️": "❤", "👨‍👩‍👧": "👨‍👩‍👧", "🧑🏻‍💻": "🧑‍💻", "😡": "😡"} {
		if got := EmojiKey(in); got != want {
			t.Errorf("EmojiKey(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConcurrentUse runs under -race in CI: a Normalizer is shared.
func TestConcurrentUse(t *testing.T) {
	def, _, _ := normalizers(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				in := builtinCorpus[(g+i)%len(builtinCorpus)]
				if got := def.Normalize(in); got.Orig != in {
					t.Errorf("Orig = %q, want %q", got.Orig, in)
				}
			}
		}()
	}
	wg.Wait()
}

func spanTexts(norm string, spans []Span) []string {
	var out []string
	for _, s := range spans {
		out = append(out, norm[s.Start:s.End])
	}
	return out
}

func equalSignals(a, b Signals) bool {
	return a.Exclamations == b.Exclamations && a.Questions == b.Questions &&
		slices.Equal(a.PunctRuns, b.PunctRuns) && slices.Equal(a.Ellipses, b.Ellipses) &&
		slices.Equal(a.Emoji, b.Emoji) && slices.Equal(a.CapsWords, b.CapsWords) &&
		a.LatinWords == b.LatinWords && a.LatinLetters == b.LatinLetters && a.HanChars == b.HanChars &&
		a.TradOnly == b.TradOnly && a.SimpOnly == b.SimpOnly && a.Traditional == b.Traditional
}
