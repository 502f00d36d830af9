// Package eval measures the sentiment scorer against labelled public data
// (read at run time from the shared data folder, never copied into the
// repository), trains models on it in memory for k-fold and cross-set
// figures, runs the peer tools (SnowNLP, VADER) on the same texts, and
// measures emotion and escalation against the synthetic generator's truth.
package eval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/convqa/convqa/scoring/sentiment"
)

// Dataset is one labelled set.
type Dataset struct {
	// Name is how the report calls the set.
	Name string
	// Lang is zh-Hans, zh-Hant or en.
	Lang string
	// Binary sets have only negative and positive labels.
	Binary bool
	// Rows are the texts, in file order.
	Rows []Row
}

// Row is one labelled text and the fold it is held out in.
type Row struct {
	Text  string
	Label sentiment.Label
	Fold  int
}

// Paths of the sets under the data directory (../shared/data).
const (
	WaimaiPath       = "sentiment/zh/waimai_10k.csv"
	WaimaiHantPath   = "sentiment/zh/waimai_10k.s2twp.csv"
	ChnSentiCorpPath = "sentiment/zh/ChnSentiCorp_htl_all.csv"
	AirlinePath      = "sentiment/en/airline_tweets.csv"
)

// Sets are the four sets of an evaluation.
type Sets struct {
	Waimai, WaimaiHant, ChnSentiCorp, Airline *Dataset
}

// ErrNoData says the data directory does not hold the sets.
var ErrNoData = errors.New("the labelled sentiment sets are not there")

// LoadSets reads the four sets from dir and assigns folds (k of them,
// seeded). The zh-Hant waimai set gets the folds of the zh-Hans one, row
// by row, so a model trained on zh-Hans folds is tested on the
// Traditional version of exactly the texts it did not see.
func LoadSets(dir string, k int, seed uint64) (*Sets, error) {
	if _, err := os.Stat(filepath.Join(dir, WaimaiPath)); err != nil {
		return nil, fmt.Errorf("%w in %s: %v", ErrNoData, dir, err)
	}
	var s Sets
	var err error
	zh := func(path, name, lang string) *Dataset {
		if err != nil {
			return nil
		}
		var d *Dataset
		d, err = readCSV(filepath.Join(dir, path), name, lang, "label", "review")
		return d
	}
	s.Waimai = zh(WaimaiPath, "waimai", "zh-Hans")
	s.WaimaiHant = zh(WaimaiHantPath, "waimai zh-Hant", "zh-Hant")
	s.ChnSentiCorp = zh(ChnSentiCorpPath, "ChnSentiCorp", "zh-Hans")
	if err == nil {
		s.Airline, err = readCSV(filepath.Join(dir, AirlinePath), "airline tweets", "en", "airline_sentiment", "text")
	}
	if err != nil {
		return nil, err
	}
	if len(s.Waimai.Rows) != len(s.WaimaiHant.Rows) {
		return nil, fmt.Errorf("%s has %d rows and %s %d: they must be the same texts", WaimaiPath, len(s.Waimai.Rows), WaimaiHantPath, len(s.WaimaiHant.Rows))
	}
	for _, d := range []*Dataset{s.Waimai, s.ChnSentiCorp, s.Airline} {
		assignFolds(d, k, seed)
	}
	for i := range s.WaimaiHant.Rows {
		if s.WaimaiHant.Rows[i].Label != s.Waimai.Rows[i].Label {
			return nil, fmt.Errorf("%s row %d: label differs from %s", WaimaiHantPath, i+2, WaimaiPath)
		}
		s.WaimaiHant.Rows[i].Fold = s.Waimai.Rows[i].Fold
	}
	return &s, nil
}

// assignFolds deals the rows into k folds of (nearly) equal size, in a
// seeded random order.
func assignFolds(d *Dataset, k int, seed uint64) {
	idx := make([]int, len(d.Rows))
	for i := range idx {
		idx[i] = i
	}
	r := rand.New(rand.NewPCG(seed, 0xf01d))
	r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	for n, i := range idx {
		d.Rows[i].Fold = n % k
	}
}

// readCSV reads a CSV with a header; labels 0/1 are negative/positive,
// and negative/neutral/positive are taken as they are. Rows with an empty
// text are skipped (ChnSentiCorp has one).
func readCSV(path, name, lang, labelCol, textCol string) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read %s header: %w", path, err)
	}
	li, ti := indexOf(head, labelCol), indexOf(head, textCol)
	if li < 0 || ti < 0 {
		return nil, fmt.Errorf("%s: header %v lacks %q or %q", path, head, labelCol, textCol)
	}
	d := &Dataset{Name: name, Lang: lang, Binary: true}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if li >= len(rec) || ti >= len(rec) {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least %d", path, line, len(rec), max(li, ti)+1)
		}
		text := strings.TrimSpace(rec[ti])
		if text == "" {
			continue
		}
		lab, err := sentiment.ParseLabel(rec[li])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if lab == sentiment.Neutral {
			d.Binary = false
		}
		d.Rows = append(d.Rows, Row{Text: text, Label: lab})
	}
	return d, nil
}

func indexOf(head []string, col string) int {
	for i, h := range head {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), col) {
			return i
		}
	}
	return -1
}
