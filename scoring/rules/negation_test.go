package rules

import (
	"testing"
)

const promiseRule = `{speaker: agent, keywords: {any: [保证, 一定会, guarantee, promise you]}}`

func TestNegationGuard(t *testing.T) {
	s := mustLoad(t, rule1(promiseRule))
	tests := []struct {
		text    string
		promise bool
	}{
		// Promises.
		{"我保证明天到", true},
		{"我保證明天一定到", true},
		{"保证不会再出问题", true},   // the negation follows the keyword
		{"不会有问题的，我保证", true}, // another clause
		{"我不能让您失望。保证明天到", true},
		{"I guarantee it will arrive tomorrow.", true},
		{"Don't worry, I guarantee a full refund", true},
		{"I promise you it's fine", true},
		{"我不能保证，但是我向您保证会跟进", true}, // the second one stands
		{"can't wait to help, guarantee", true},
		{"我没法说太多但是明天一定会给您回复", true}, // a contrast ends the negation's reach
		{"I can't say but I guarantee it", true},
		{"我没法说太多明天一定会给您回复", false}, // 没法 within 8 characters, no contrast
		// Not promises.
		{"这个我不能保证", false},
		{"這個我沒辦法保證明天到", false},
		{"具体到货时间无法保证", false},
		{"退款结果我不能保证", false},
		{"我不敢跟您保证时间", false},
		{"我不保证", false},
		{"不一定会到", false}, // 不一定 overlaps 一定会
		{"I can't guarantee it will arrive tomorrow", false},
		{"I cannot guarantee that", false},
		{"I can’t really guarantee that", false},
		{"We are not able to guarantee delivery", false},
		{"I won't promise you anything", false},
		{"我们没办法100% guarantee", false},
		{"CAN'T GUARANTEE", false},
		{"你们能不能保证明天到", true}, // A-not-A asks, it does not deny
		{"我会不会保证？当然保证", true},
	}
	for _, tc := range tests {
		got := outcome(t, s, chat("a: "+tc.text), "r")
		if (got.Status == Fail) != tc.promise {
			t.Errorf("%q: promise %v, want %v (hits %v)", tc.text, got.Status == Fail, tc.promise, matched(got.Hits))
		}
	}
}

func TestNegationReach(t *testing.T) {
	s := mustLoad(t, rule1(promiseRule))
	for _, tc := range []struct {
		text    string
		promise bool
	}{
		{"不能跟您这边保证", false},                          // 4 characters between
		{"不能跟您说得太死但我这边保证", true},                     // 10 characters between
		{"I can't say for sure but guarantee", true}, // 5 words between
		{"I can't fully guarantee", false},
		{"不能，保证", true}, // a comma ends the clause
		{"can't; guarantee", true},
		{"不能\n保证", true},
	} {
		got := outcome(t, s, chat("a: "+tc.text), "r")
		if (got.Status == Fail) != tc.promise {
			t.Errorf("%q: promise %v, want %v", tc.text, got.Status == Fail, tc.promise)
		}
	}
}

func TestNegationGuardSettings(t *testing.T) {
	m := chat("a: 我不能保证", "a: 千万别保证")
	off := rule1(`{keywords: {any: [保证]}, negation_guard: false}`)
	if got := seqs(outcome(t, mustLoad(t, off), m, "r").Hits); len(got) != 2 {
		t.Errorf("guard off: seqs %v, want both", got)
	}
	custom := rule1(`{keywords: {any: [保证]}, negation_guard: [千万别]}`)
	if got := seqs(outcome(t, mustLoad(t, custom), m, "r").Hits); len(got) != 1 || got[0] != 1 {
		t.Errorf("custom list: seqs %v, want [1] (不能 is not in the list)", got)
	}
	// On a regex only when asked.
	re := rule1(`{regex: '保证'}`)
	if got := seqs(outcome(t, mustLoad(t, re), m, "r").Hits); len(got) != 2 {
		t.Errorf("regex, guard unset: seqs %v, want both", got)
	}
	reGuard := rule1(`{regex: '保证', negation_guard: true}`)
	if got := seqs(outcome(t, mustLoad(t, reGuard), m, "r").Hits); len(got) != 1 || got[0] != 2 {
		t.Errorf("regex with guard: seqs %v, want [2]", got)
	}
	// A negated keyword is no occurrence for none: either.
	none := rule1(`{speaker: agent, keywords: {none: [保证]}}`)
	if got := seqs(outcome(t, mustLoad(t, none), chat("a: 我不能保证", "a: 我保证"), "r").Hits); len(got) != 1 || got[0] != 1 {
		t.Errorf("none with a negated keyword: seqs %v, want [1]", got)
	}
	// all needs every keyword unvoided.
	all := rule1(`{keywords: {all: [保证, 明天]}}`)
	if got := outcome(t, mustLoad(t, all), chat("a: 明天的事我不能保证"), "r"); got.Status != Pass {
		t.Errorf("all with a voided keyword: %+v", got)
	}
}
