package eval

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/convqa/convqa/scoring/sentiment"
)

// Config configures Evaluate.
type Config struct {
	// DataDir is the shared data folder (holding sentiment/zh and
	// sentiment/en).
	DataDir string
	// Folds is k of the k-fold runs (default 5).
	Folds int
	// Seed fixes the folds and the trainer's order.
	Seed uint64
	// Train are the candidate options of the trained models: with more
	// than one, each model is chosen by sentiment.TrainSelect on its own
	// training data. Calibrate configures the calibrated models. Their
	// seeds are set from Seed; zero values take
	// sentiment.InDomainCandidates and sentiment.CalibrateOptions.
	Train     []sentiment.TrainOptions
	Calibrate *sentiment.TrainOptions
	// Peer runs SnowNLP and VADER; nil leaves the peer column empty.
	Peer *Peer
	// Log gets progress lines; nil discards them.
	Log io.Writer
}

// Cell is one model's scores on one line of the report.
type Cell struct {
	Scores
	OK bool
}

// Line is one row of the report.
type Line struct {
	Set     string // what is scored
	Train   string // what the trained model learned from
	Classes int
	Shipped Cell
	Trained Cell
	// Calibrated is the rules-only model (sentiment.CalibrateOptions).
	Calibrated Cell
	Peer       Cell
	PeerName   string
}

// Report is the outcome of Evaluate.
type Report struct {
	Lines []Line
	// HeldOut is the shipped model on the folds other than fold 0: the
	// lexicon's authors looked at errors of fold 0 only.
	HeldOut []Line
	Peers   []PeerRun
	Folds   int
	Seed    uint64
	Elapsed time.Duration
}

// Evaluate runs the whole sentiment evaluation; see the package doc.
func Evaluate(ctx context.Context, cfg Config, rules *sentiment.Scorer) (*Report, error) {
	start := time.Now()
	if cfg.Folds == 0 {
		cfg.Folds = 5
	}
	if cfg.Folds < 2 {
		return nil, fmt.Errorf("folds must be ≥ 2, got %d", cfg.Folds)
	}
	logf := func(format string, args ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", args...)
		}
	}
	sets, err := LoadSets(cfg.DataDir, cfg.Folds, cfg.Seed)
	if err != nil {
		return nil, err
	}
	if len(cfg.Train) == 0 {
		cfg.Train = sentiment.InDomainCandidates()
	}
	if cfg.Calibrate == nil {
		o := sentiment.CalibrateOptions()
		cfg.Calibrate = &o
	}

	// The peers run in their own process while Go trains.
	var wg sync.WaitGroup
	var snow, vader PeerRun
	var snowErr, vaderErr error
	zhTexts := concatTexts(sets.Waimai, sets.WaimaiHant, sets.ChnSentiCorp)
	if cfg.Peer != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			logf("peers: SnowNLP on %d Chinese texts, VADER on %d tweets", len(zhTexts), len(sets.Airline.Rows))
			snow, snowErr = cfg.Peer.Run(ctx, "snownlp", zhTexts, 0)
			if snowErr == nil {
				vader, vaderErr = cfg.Peer.Run(ctx, "vader", concatTexts(sets.Airline), 0)
			}
		}()
	}

	shipped := map[*Dataset][]sentiment.Label{}
	for _, d := range []*Dataset{sets.Waimai, sets.WaimaiHant, sets.ChnSentiCorp, sets.Airline} {
		shipped[d] = predict(rules, d, nil)
	}
	logf("shipped model scored")

	// trained[0] are the in-domain preset's predictions, trained[1] the
	// calibrated preset's; likewise hant and cross.
	var trained, cross [2]map[*Dataset][]sentiment.Label
	var hant [2][]sentiment.Label
	for i, cands := range [][]sentiment.TrainOptions{cfg.Train, {*cfg.Calibrate}} {
		trained[i] = map[*Dataset][]sentiment.Label{}
		cross[i] = map[*Dataset][]sentiment.Label{}
		for _, d := range []*Dataset{sets.Waimai, sets.ChnSentiCorp, sets.Airline} {
			var also *Dataset
			if d == sets.Waimai {
				also = sets.WaimaiHant
			}
			p, pAlso, err := kfold(ctx, cfg.Folds, cfg.Seed, cands, rules, d, also, logf)
			if err != nil {
				return nil, err
			}
			trained[i][d] = p
			if also != nil {
				hant[i] = pAlso
			}
		}
		for _, pair := range [][2]*Dataset{{sets.Waimai, sets.ChnSentiCorp}, {sets.ChnSentiCorp, sets.Waimai}} {
			m, _, err := sentiment.TrainSelect(ctx, rules, examples(pair[0], -1), cands, sentiment.InDomainHeldOut, cfg.Seed)
			if err != nil {
				return nil, fmt.Errorf("train on %s: %w", pair[0].Name, err)
			}
			s, err := rules.WithModel(m)
			if err != nil {
				return nil, err
			}
			cross[i][pair[1]] = predict(s, pair[1], nil)
			logf("cross-set: %s → %s done", pair[0].Name, pair[1].Name)
		}
	}

	wg.Wait()
	if snowErr != nil {
		return nil, snowErr
	}
	if vaderErr != nil {
		return nil, vaderErr
	}
	peer := map[*Dataset][]sentiment.Label{}
	if cfg.Peer != nil {
		off := 0
		for _, d := range []*Dataset{sets.Waimai, sets.WaimaiHant, sets.ChnSentiCorp} {
			peer[d] = snowLabels(snow.Scores[off : off+len(d.Rows)])
			off += len(d.Rows)
		}
		peer[sets.Airline] = vaderLabels(vader.Scores)
	}

	r := &Report{Folds: cfg.Folds, Seed: cfg.Seed}
	if cfg.Peer != nil {
		r.Peers = []PeerRun{snow, vader}
	}
	kf := fmt.Sprintf("%d-fold", cfg.Folds)
	add := func(set, train string, d *Dataset, tr [2][]sentiment.Label, peerName string) {
		l := Line{Set: set, Train: train, Classes: len(d.Classes()), PeerName: peerName}
		truth := d.Labels()
		l.Shipped = cell(truth, shipped[d], d)
		l.Trained = cell(truth, tr[0], d)
		l.Calibrated = cell(truth, tr[1], d)
		l.Peer = cell(truth, peer[d], d)
		r.Lines = append(r.Lines, l)
	}
	pick := func(m [2]map[*Dataset][]sentiment.Label, d *Dataset) [2][]sentiment.Label {
		return [2][]sentiment.Label{m[0][d], m[1][d]}
	}
	add("waimai (zh-Hans)", kf, sets.Waimai, pick(trained, sets.Waimai), "SnowNLP")
	add("ChnSentiCorp (zh-Hans)", kf, sets.ChnSentiCorp, pick(trained, sets.ChnSentiCorp), "SnowNLP")
	add("waimai (zh-Hant)", kf+" on zh-Hans", sets.WaimaiHant, hant, "SnowNLP")
	add("ChnSentiCorp (zh-Hans)", "waimai", sets.ChnSentiCorp, pick(cross, sets.ChnSentiCorp), "SnowNLP")
	add("waimai (zh-Hans)", "ChnSentiCorp", sets.Waimai, pick(cross, sets.Waimai), "SnowNLP")
	add("airline tweets (en)", kf, sets.Airline, pick(trained, sets.Airline), "VADER")
	for _, d := range []*Dataset{sets.Waimai, sets.WaimaiHant, sets.ChnSentiCorp, sets.Airline} {
		var truth, pred []sentiment.Label
		for i, row := range d.Rows {
			if row.Fold != 0 {
				truth = append(truth, row.Label)
				pred = append(pred, shipped[d][i])
			}
		}
		c := Cell{Scores: Score(truth, pred, d.Classes()), OK: true}
		r.HeldOut = append(r.HeldOut, Line{Set: d.Name, Classes: len(d.Classes()), Shipped: c})
	}
	r.Elapsed = time.Since(start)
	return r, nil
}

// kfold trains one model per fold on the other folds and predicts the
// fold, on d and on also (a set whose rows are d's in another script).
func kfold(ctx context.Context, folds int, seed uint64, cands []sentiment.TrainOptions, rules *sentiment.Scorer, d, also *Dataset, logf func(string, ...any)) (pred, predAlso []sentiment.Label, err error) {
	pred = make([]sentiment.Label, len(d.Rows))
	if also != nil {
		predAlso = make([]sentiment.Label, len(also.Rows))
	}
	for f := range folds {
		m, _, err := sentiment.TrainSelect(ctx, rules, examples(d, f), cands, sentiment.InDomainHeldOut, seed)
		if err != nil {
			return nil, nil, fmt.Errorf("train %s without fold %d: %w", d.Name, f, err)
		}
		s, err := rules.WithModel(m)
		if err != nil {
			return nil, nil, err
		}
		predictFold(s, d, f, pred)
		if also != nil {
			predictFold(s, also, f, predAlso)
		}
		logf("%s: fold %d of %d done", d.Name, f+1, folds)
	}
	return pred, predAlso, nil
}

// examples returns d's rows outside fold skip (-1: all rows).
func examples(d *Dataset, skip int) []sentiment.Example {
	var out []sentiment.Example
	for _, r := range d.Rows {
		if r.Fold != skip {
			out = append(out, sentiment.Example{Text: r.Text, Label: r.Label})
		}
	}
	return out
}

func predictFold(s *sentiment.Scorer, d *Dataset, fold int, dst []sentiment.Label) {
	for i, r := range d.Rows {
		if r.Fold == fold {
			dst[i] = label(s.Score(r.Text).Label, d)
		}
	}
}

// predict labels every row of d.
func predict(s *sentiment.Scorer, d *Dataset, _ []int) []sentiment.Label {
	out := make([]sentiment.Label, len(d.Rows))
	for i, r := range d.Rows {
		out[i] = label(s.Score(r.Text).Label, d)
	}
	return out
}

func label(l sentiment.Label, d *Dataset) sentiment.Label {
	if d.Binary {
		return Binary(l)
	}
	return l
}

func cell(truth, pred []sentiment.Label, d *Dataset) Cell {
	if pred == nil {
		return Cell{}
	}
	return Cell{Scores: Score(truth, pred, d.Classes()), OK: true}
}

func concatTexts(ds ...*Dataset) []string {
	var out []string
	for _, d := range ds {
		for _, r := range d.Rows {
			out = append(out, r.Text)
		}
	}
	return out
}

// snowLabels: SnowNLP gives P(positive); its documentation's cut is 0.5.
func snowLabels(scores []float64) []sentiment.Label {
	out := make([]sentiment.Label, len(scores))
	for i, s := range scores {
		out[i] = sentiment.Negative
		if s >= 0.5 {
			out[i] = sentiment.Positive
		}
	}
	return out
}

// vaderLabels uses VADER's documented cuts on the compound score: ±0.05.
func vaderLabels(scores []float64) []sentiment.Label {
	out := make([]sentiment.Label, len(scores))
	for i, s := range scores {
		switch {
		case s >= 0.05:
			out[i] = sentiment.Positive
		case s <= -0.05:
			out[i] = sentiment.Negative
		default:
			out[i] = sentiment.Neutral
		}
	}
	return out
}
