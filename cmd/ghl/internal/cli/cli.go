// Package cli is the ghl command: bulk export and import of HighLevel contacts with checkpoints.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/clock"
)

// Exit statuses.
const (
	exitOK          = 0
	exitError       = 1
	exitUsage       = 2
	exitRejects     = 3   // an import finished, and some rows are in the rejects file
	exitInterrupted = 130 // 128 + SIGINT, as shells report a Ctrl-C
)

// Version is the command's version, printed by "ghl version" and sent in the User-Agent header.
const Version = "0.1.0"

// Run runs the ghl command with args (without the program name) and returns its exit status. getenv reads the
// environment (os.Getenv); ctx is cancelled on Ctrl-C, which stops the command cleanly with its checkpoint
// saved.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	return run(ctx, args, &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr})
}

// env is what a command reads and writes, and the seams tests use.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer

	// Test seams: nil means the real thing.
	clock      clock.Clock  // for the client's limiter and backoff, and for progress
	httpClient *http.Client // for every request, OAuth included
}

func (e *env) clk() clock.Clock {
	if e.clock == nil {
		return clock.Real{}
	}
	return e.clock
}

func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, mainHelp)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "export":
		return runExport(ctx, rest, e)
	case "import":
		return runImport(ctx, rest, e)
	case "help", "-h", "-help", "--help":
		return runHelp(rest, e)
	case "version", "--version":
		fmt.Fprintln(e.stdout, "ghl", Version, "(SDK "+ghl.SDKVersion+")")
		return exitOK
	default:
		fmt.Fprintf(e.stderr, "ghl: unknown command %q\n\n%s", cmd, mainHelp)
		return exitUsage
	}
}

func runHelp(args []string, e *env) int {
	if len(args) == 0 {
		fmt.Fprint(e.stdout, mainHelp)
		return exitOK
	}
	switch args[0] {
	case "export":
		fmt.Fprint(e.stdout, exportHelp)
	case "import":
		fmt.Fprint(e.stdout, importHelp)
	default:
		fmt.Fprintf(e.stderr, "ghl help: unknown command %q\n\n%s", args[0], mainHelp)
		return exitUsage
	}
	return exitOK
}

// parseFlags parses a subcommand's flags. It answers --help with the command's help on stdout, and a bad flag
// with the error and a pointer to the help on stderr.
func parseFlags(fs *flag.FlagSet, args []string, help string, e *env) (ok bool, code int) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(e.stdout, help)
		return false, exitOK
	case err != nil:
		fmt.Fprintf(e.stderr, "ghl %s: %v\nRun 'ghl %s --help' for usage.\n", fs.Name(), err, fs.Name())
		return false, exitUsage
	case fs.NArg() > 0:
		fmt.Fprintf(e.stderr, "ghl %s: unexpected argument %q (flags start with --)\nRun 'ghl %s --help' for usage.\n", fs.Name(), fs.Arg(0), fs.Name())
		return false, exitUsage
	}
	return true, exitOK
}

// usageError reports a flag value that makes no sense.
func usageError(e *env, cmd, format string, a ...any) int {
	fmt.Fprintf(e.stderr, "ghl %s: %s\nRun 'ghl %s --help' for usage.\n", cmd, fmt.Sprintf(format, a...), cmd)
	return exitUsage
}

// fail reports an error that stopped a command.
func fail(e *env, cmd string, err error) int {
	fmt.Fprintf(e.stderr, "ghl %s: %v\n", cmd, err)
	return exitError
}

// common are the flags every command that talks to HighLevel has.
type common struct {
	baseURL   string
	location  string
	tokenFile string
	quiet     bool
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.baseURL, "base-url", "", "API base URL (default "+ghl.DefaultBaseURL+"; a ghltest server's URL in tests)")
	fs.StringVar(&c.location, "location", "", "location (sub-account) ID (default $GHL_LOCATION_ID, or the token file's location)")
	fs.StringVar(&c.tokenFile, "token-file", "", "token file of an OAuth file store (default $GHL_TOKEN_FILE); used when GHL_TOKEN is not set")
	fs.BoolVar(&c.quiet, "quiet", false, "print no progress line")
}

// newClient builds the SDK client for c's location and token.
func newClient(ctx context.Context, c *common, e *env) (*ghl.Client, error) {
	base := c.baseURL
	if base == "" {
		base = e.getenv("GHL_BASE_URL")
	}
	if base == "" {
		base = ghl.DefaultBaseURL
	}
	src, loc, err := tokenSource(ctx, c, e, base)
	if err != nil {
		return nil, err
	}
	if loc == "" {
		return nil, errors.New("no location: pass --location or set GHL_LOCATION_ID")
	}
	opts := []ghl.Option{
		ghl.WithBaseURL(base),
		ghl.WithTokenSource(src),
		ghl.WithLocationID(loc),
		ghl.WithUserAgent("ghl-cli/" + Version),
	}
	if e.clock != nil {
		opts = append(opts, ghl.WithClock(e.clock))
	}
	if e.httpClient != nil {
		opts = append(opts, ghl.WithHTTPClient(e.httpClient))
	}
	return ghl.NewClient(opts...)
}

// listFlag collects a flag given several times (--filter a=1 --filter b=2).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ", ") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
