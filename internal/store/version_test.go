package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/convqa/convqa/internal/config"
)

func TestParseVersion(t *testing.T) {
	tests := []struct {
		in      string
		want    Version
		str     string
		wantErr bool
	}{
		{in: "18.16.1", want: Version{18, 16, 1, 0}, str: "18.16.1"},
		{in: "26.9.2.1", want: Version{26, 9, 2, 1}, str: "26.9.2.1"},
		{in: "22.3", want: Version{22, 3, 0, 0}, str: "22.3"},
		{in: " 23.8.1.2992-lts\n", want: Version{23, 8, 1, 2992}, str: "23.8.1.2992"},
		{in: "18.16.1+ds-7.3+b2", want: Version{18, 16, 1, 0}, str: "18.16.1"},
		{in: "22", wantErr: true},
		{in: "1.2.3.4.5", wantErr: true},
		{in: "a.b", wantErr: true},
		{in: "22..1", wantErr: true},
		{in: "", wantErr: true},
		{in: "1234567890.1", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseVersion(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseVersion(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want || got.String() != tt.str {
			t.Errorf("ParseVersion(%q) = %v (%q), %v; want %v (%q)", tt.in, got, got.String(), err, tt.want, tt.str)
		}
	}
}

func TestVersionCompare(t *testing.T) {
	order := []string{"18.16", "18.16.1", "19.1", "22.3", "22.3.0.1", "22.10", "26.9.2.1"}
	for i, a := range order {
		for j, b := range order {
			va, _ := ParseVersion(a)
			vb, _ := ParseVersion(b)
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := va.Compare(vb); got != want {
				t.Errorf("%s vs %s = %d, want %d", a, b, got, want)
			}
			if va.AtLeast(vb) != (i >= j) {
				t.Errorf("%s.AtLeast(%s) = %v", a, b, va.AtLeast(vb))
			}
		}
	}
}

func TestRedactHidesPassword(t *testing.T) {
	const pw = "s3cr3t-Pa55"
	base := errors.New("dial: clickhouse://default:" + pw + "@127.0.0.1:9000 refused")
	err := redact(base, config.Secret(pw))
	if strings.Contains(err.Error(), pw) {
		t.Fatalf("password leaked: %v", err)
	}
	if !errors.Is(err, base) {
		t.Error("redacted error no longer wraps the original")
	}
	if got := redact(base, ""); got != base {
		t.Error("nothing to hide should return the error as is")
	}
}
