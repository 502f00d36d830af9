package job

import (
	"sync"

	"github.com/convqa/convqa/internal/transcript"
	"github.com/convqa/convqa/scoring/qa"
)

// scorerInto is what a scorer offers beside qa.Scorer when it can score
// into a Result it is handed, reusing that Result's memory (qa.Engine
// does): scoring then allocates a fraction of what a fresh Result costs
// per conversation.
type scorerInto interface {
	ScoreInto(res *qa.Result, m *transcript.Message) error
}

// resultPool keeps the Results of written batches for the next ones to be
// scored into. A batch's Results go back only once its write has
// completed: the rows are built from them while the next batch is scored.
type resultPool struct {
	p sync.Pool // *qa.Result
}

func (p *resultPool) get() *qa.Result {
	if res, ok := p.p.Get().(*qa.Result); ok {
		return res
	}
	return new(qa.Result)
}

func (p *resultPool) put(res *qa.Result) { p.p.Put(res) }

// release gives a written batch's Results back; nothing may read them
// after.
func (p *resultPool) release(results []scored) {
	for i := range results {
		p.put(results[i].res)
		results[i].res = nil
	}
}
