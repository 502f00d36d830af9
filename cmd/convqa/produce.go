package main

import "github.com/spf13/cobra"

// TODO(stub): being written.
func newProduceCmd(a *app) *cobra.Command { return &cobra.Command{Use: "produce"} }
