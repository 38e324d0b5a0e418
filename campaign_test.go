package zlintsmime_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFuzzCampaignRefusesUnknownArguments: .ci/fuzz-campaign once took
// anything that was not one of its options for a target, so a mistyped option
// or target became a run that failed to build and a line of nothing in the
// committed log, and it ignored what followed an option. Such a command must
// be refused before any run starts, and leave the log and a -stop in force
// alone.
func TestFuzzCampaignRefusesUnknownArguments(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash:", err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-status"}, "unknown target or option: -status"},
		{[]string{"smime:FuzzNoSuchTarget"}, "unknown target or option: smime:FuzzNoSuchTarget"},
		{[]string{"FuzzMailbox"}, "unknown target or option: FuzzMailbox"},
		{[]string{"smime:FuzzMailbox", "-summary"}, "unknown target or option: -summary"},
		// An option takes no target: this one would have run every short
		// target, not the one named.
		{[]string{"-until-goals", "smime:FuzzMailbox"}, "-until-goals takes no other argument: smime:FuzzMailbox"},
		{[]string{"-stop", "-summary"}, "-stop takes no other argument: -summary"},
	} {
		args := c.args
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			dir := t.TempDir()
			log := filepath.Join(dir, "log.tsv")
			// A -stop in force beside the log must survive the refusal.
			stop := filepath.Join(dir, "fuzz-campaign.stop")
			if err := os.WriteFile(stop, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			// A refusal is immediate; without one, the command would start a
			// campaign (once, against the old script, 100 s of one), which the
			// deadline ends.
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, "bash", append([]string{".ci/fuzz-campaign"}, args...)...)
			// The runs it starts hold the output pipe after bash is killed.
			cmd.WaitDelay = time.Second
			cmd.Env = append(os.Environ(), "CAMPAIGNLOG="+log, "CAMPAIGNCACHE="+filepath.Join(dir, "cache"), "CAMPAIGNTIME=1x")
			out, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 2 {
				t.Fatalf("exit: %v, want status 2; output:\n%s", err, out)
			}
			if !strings.Contains(string(out), c.want) {
				t.Errorf("output does not name the argument:\n%s", out)
			}
			if _, err := os.Stat(log); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("log written (%v)", err)
			}
			if _, err := os.Stat(stop); err != nil {
				t.Errorf("the -stop was cleared: %v", err)
			}
		})
	}
}
