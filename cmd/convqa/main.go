// Command convqa is the one binary of the convqa conversation-quality
// pipeline: migrate the schema, generate and produce synthetic transcripts,
// and (in later releases) ingest, score, detect topic spikes and alert.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/convqa/convqa/internal/gcpolicy"
)

func main() {
	gcpolicy.Apply()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd(os.Stdout, os.Stderr, os.Environ()).ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "convqa:", err)
		os.Exit(1)
	}
}
