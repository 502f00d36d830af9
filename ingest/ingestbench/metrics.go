package ingestbench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// promSamples are the samples of a Prometheus text exposition, by series
// as written: name{labels}.
type promSamples map[string]float64

func (p promSamples) get(series string) float64 { return p[series] }

// sum adds every series of a metric name, whatever its labels.
func (p promSamples) sum(name string) float64 {
	var s float64
	for k, v := range p {
		if k == name || strings.HasPrefix(k, name+"{") {
			s += v
		}
	}
	return s
}

func scrape(ctx context.Context, url string) (promSamples, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return parseMetrics(resp.Body)
}

// parseMetrics reads the text exposition format: "series value" lines,
// comments skipped. Label values in convqa's metrics hold no spaces.
func parseMetrics(r io.Reader) (promSamples, error) {
	out := promSamples{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) < 2 {
			return nil, fmt.Errorf("metrics: malformed line %q", line)
		}
		v, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			return nil, fmt.Errorf("metrics: line %q: %w", line, err)
		}
		out[f[0]] = v
	}
	if err := sc.Err(); err != nil {
		return nil, errors.Join(errors.New("metrics: read"), err)
	}
	return out, nil
}
