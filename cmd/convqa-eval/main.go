// Command convqa-eval is the developer's evaluation tool: it measures the
// pipeline's detectors against text whose truth is known (synthetic
// conversations and hand-written hard cases) and prints the scores.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "convqa-eval:", err)
		os.Exit(1)
	}
}
