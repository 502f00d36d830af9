package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"

	"github.com/convqa/convqa/internal/config"
)

func newConfigCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Show or check the configuration",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "show",
		Short: "Validate the configuration and print it as YAML, secrets hidden",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := a.loadConfig()
			if err != nil {
				return err
			}
			out, err := yaml.Marshal(cfg)
			if err != nil {
				return err
			}
			_, err = a.stdout.Write(out)
			return err
		},
	}, &cobra.Command{
		Use:   "keys",
		Short: "List every config key with its environment variable",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, k := range config.Keys() {
				if _, err := fmt.Fprintf(a.stdout, "%-28s %s\n", k, config.EnvName(k)); err != nil {
					return err
				}
			}
			return nil
		},
	})
	return cmd
}
