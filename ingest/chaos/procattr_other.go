//go:build !linux

package chaos

import "syscall"

// procAttr is the default elsewhere: the stack the harness drives runs on
// Linux, and this keeps the package building for editors on other systems.
func procAttr() *syscall.SysProcAttr { return nil }
