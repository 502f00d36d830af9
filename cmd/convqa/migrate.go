package main

import "github.com/spf13/cobra"

// TODO(stub): being written.
func newMigrateCmd(a *app) *cobra.Command { return &cobra.Command{Use: "migrate"} }
