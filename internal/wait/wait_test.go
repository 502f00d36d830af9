package wait

import (
	"context"
	"testing"
	"time"
)

func TestForEndsWithTheContext(t *testing.T) {
	if !For(context.Background(), time.Millisecond) {
		t.Error("a short wait on a live context returned false")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if For(ctx, time.Hour) {
		t.Error("a wait on an ended context returned true")
	}
	if Until(ctx, time.Now().Add(-time.Second)) {
		t.Error("a past deadline on an ended context returned true")
	}
	if !Until(context.Background(), time.Now().Add(-time.Second)) {
		t.Error("a past deadline on a live context returned false")
	}
}
