package main

import "github.com/spf13/cobra"

// TODO(stub): being written.
func newGenCmd(a *app) *cobra.Command { return &cobra.Command{Use: "gen"} }
