package scorecard

import (
	"errors"
	"fmt"

	"github.com/convqa/convqa/internal/fielderr"
)

// FieldError is one mistake in a scorecard file, or between a scorecard
// and a rule set. It is always the user's mistake, never worth retrying.
// It reads "file:line: path: what is wrong (allowed: …)".
type FieldError = fielderr.Error

// maxErrors is how many mistakes one error reports; a file that is
// entirely wrong does not need a thousand lines to say so.
const maxErrors = 20

// errorList collects FieldErrors in file order.
type errorList struct {
	errs []*FieldError
	more int
}

func (l *errorList) add(e *FieldError) {
	if len(l.errs) >= maxErrors {
		l.more++
		return
	}
	l.errs = append(l.errs, e)
}

// err returns nil, the one error, or all of them joined (errors.As finds
// the first *FieldError).
func (l *errorList) err() error {
	switch {
	case len(l.errs) == 0:
		return nil
	case len(l.errs) == 1 && l.more == 0:
		return l.errs[0]
	}
	errs := make([]error, 0, len(l.errs)+1)
	for _, e := range l.errs {
		errs = append(errs, e)
	}
	if l.more > 0 {
		errs = append(errs, fmt.Errorf("%s: and %d more mistakes", l.errs[0].File, l.more))
	}
	return errors.Join(errs...)
}
