package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// Version is a ClickHouse server version such as 18.16.1 or 24.8.4.13,
// compared component by component. Missing components are zero.
type Version struct {
	Major, Minor, Patch, Build int
}

// MinServerVersion is the oldest server convqa is tested against (Debian
// bookworm's clickhouse-server); every migration's base statements must run
// on it.
func MinServerVersion() Version { return Version{Major: 18, Minor: 16, Patch: 1} }

// ParseVersion reads "MAJOR.MINOR[.PATCH[.BUILD]]". Anything after the
// numeric part (a "-lts" or "+ds" suffix) is ignored, since servers and
// packagers append such tags.
func ParseVersion(s string) (Version, error) {
	s = strings.TrimSpace(s)
	end := strings.IndexFunc(s, func(r rune) bool { return r != '.' && (r < '0' || r > '9') })
	num := s
	if end >= 0 {
		num = s[:end]
	}
	parts := strings.Split(num, ".")
	if len(parts) < 2 || len(parts) > 4 {
		return Version{}, fmt.Errorf("version %q: want MAJOR.MINOR[.PATCH[.BUILD]]", s)
	}
	var n [4]int
	for i, p := range parts {
		if p == "" || len(p) > 9 {
			return Version{}, fmt.Errorf("version %q: component %d is not a number of 1 to 9 digits", s, i+1)
		}
		v, err := strconv.Atoi(p)
		if err != nil {
			return Version{}, fmt.Errorf("version %q: component %d: %w", s, i+1, err)
		}
		n[i] = v
	}
	return Version{Major: n[0], Minor: n[1], Patch: n[2], Build: n[3]}, nil
}

// IsZero reports whether v is the zero Version (no version known).
func (v Version) IsZero() bool { return v == Version{} }

// Compare returns -1, 0 or +1 as v is older than, equal to or newer than o.
func (v Version) Compare(o Version) int {
	a := [4]int{v.Major, v.Minor, v.Patch, v.Build}
	b := [4]int{o.Major, o.Minor, o.Patch, o.Build}
	for i := range a {
		switch {
		case a[i] < b[i]:
			return -1
		case a[i] > b[i]:
			return 1
		}
	}
	return 0
}

// AtLeast reports whether v is o or newer.
func (v Version) AtLeast(o Version) bool { return v.Compare(o) >= 0 }

// String prints the version without trailing zero components beyond MINOR,
// so that "22.3" round-trips.
func (v Version) String() string {
	switch {
	case v.Build != 0:
		return fmt.Sprintf("%d.%d.%d.%d", v.Major, v.Minor, v.Patch, v.Build)
	case v.Patch != 0:
		return fmt.Sprintf("%d.%d.%d", v.Major, v.Minor, v.Patch)
	default:
		return fmt.Sprintf("%d.%d", v.Major, v.Minor)
	}
}

// ServerVersion asks the server for its full version. SELECT version() is
// used rather than the handshake because the handshake carries no build
// number and its patch field is absent on some old revisions.
func ServerVersion(ctx context.Context, conn driver.Conn) (Version, error) {
	var s string
	if err := conn.QueryRow(ctx, "SELECT version()").Scan(&s); err != nil {
		return Version{}, fmt.Errorf("query ClickHouse server version: %w", err)
	}
	v, err := ParseVersion(s)
	if err != nil {
		return Version{}, fmt.Errorf("parse ClickHouse server version: %w", err)
	}
	return v, nil
}
