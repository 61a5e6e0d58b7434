package pgstore_test

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel kill cmd if the test binary dies first (a panic, a timeout), so that no
// postgres or replica outlives the test run. Go sets the signal after it changes the child's user, which would
// otherwise clear it.
func dieWithParent(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
}
