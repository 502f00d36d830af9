package pii

import (
	"strings"
	"testing"

	"github.com/convqa/convqa/internal/transcript"
)

func TestRedactUtterances(t *testing.T) {
	f, err := NewFinder()
	if err != nil {
		t.Fatal(err)
	}
	us := []transcript.Utterance{
		{Seq: 1, Text: "卡号4111111111111111，邮箱a.b@example.com"},
		{Seq: 2, Text: "没有个人信息"},
	}
	c := f.RedactUtterances(us)
	if strings.Contains(us[0].Text, "4111") || !strings.Contains(us[0].Text, BankCard.Placeholder()) || !strings.Contains(us[0].Text, Email.Placeholder()) {
		t.Errorf("not redacted: %q", us[0].Text)
	}
	if us[1].Text != "没有个人信息" || c[BankCard] != 1 || c[Email] != 1 || c.Total() != 2 {
		t.Errorf("text %q, counts %v", us[1].Text, c)
	}
}
