// Command convqa-bench is the developer's benchmark tool: it measures convqa
// against the alternatives a user would weigh it against, on the real Kafka
// and ClickHouse of the local stack, and prints one table per benchmark.
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
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "convqa-bench:", err)
		os.Exit(1)
	}
}
