package ingest

import (
	"fmt"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves the endpoints an orchestrator and Prometheus poll:
//
//	/healthz  200 while the process runs (liveness: restart only if this fails)
//	/readyz   200 while ingest fetches and stores normally; 503 with the
//	          reason while it waits out a ClickHouse or Kafka failure
//	/metrics  the Prometheus metrics of gatherer
func (ing *Ingester) Handler(gatherer prometheus.Gatherer) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		ok, why := ing.Ready()
		if !ok {
			// The reason names the failing operation and the server's
			// error; neither contains secrets (the store redacts them).
			http.Error(w, "not ready: "+why, http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.Handle("GET /metrics", promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{}))
	return mux
}
